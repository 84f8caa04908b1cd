// Beside the collector: lib/aws is the only folder that imports the SDK (collect.test.ts holds every other to that).
import { partition } from "@aws-sdk/core/client";
import { describe, expect, it } from "vitest";
import { endpointDomain, KNOWN_PARTITIONS, REGION_NAME_SOURCE } from "@/lib/policy/partition-domains";

// One region of each partition, as the SDK's table places it.
const REGIONS = ["us-east-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1"];

describe("endpointDomain", () => {
  it("is the SDK's endpoint domain for every partition it knows", () => {
    const sdk = Object.fromEntries(REGIONS.map((r) => [partition(r).name, partition(r).dnsSuffix]));
    expect(Object.keys(sdk).sort()).toEqual([...KNOWN_PARTITIONS].sort());
    for (const [name, domain] of Object.entries(sdk)) expect(endpointDomain(name)).toBe(domain);
  });

  it("knows no other partition, nor an inherited property", () => {
    expect(endpointDomain("aws-new")).toBeUndefined();
    expect(endpointDomain("constructor")).toBeUndefined();
  });
});

describe("REGION_NAME_SOURCE", () => {
  // The European Sovereign Cloud's `eusc-de-east-1` starts with four letters, every other partition's with two.
  it("spells the region of every partition the SDK knows", () => {
    const region = new RegExp(`^${REGION_NAME_SOURCE}$`);
    for (const r of REGIONS) expect(r).toMatch(region);
    expect("eusc-de-east-1.amazonaws.eu").not.toMatch(region);
  });
});
