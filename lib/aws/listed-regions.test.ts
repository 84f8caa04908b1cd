import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { ScanSetupError } from "./errors";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const demo = JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();
const lambdaCalls = (ep: { calls: { service: string }[] }) => ep.calls.filter((c) => c.service === "lambda").length;

describe("regions given by name are checked against DescribeRegions (AllRegions) before the scan", () => {
  it("a mistyped region is refused before any Lambda call, with the regions it is close to", async () => {
    const ep = await serve(demo);
    const refused = await scanAccount({ regions: ["eu-west-1", "us-esat-1"] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ScanSetupError);
    expect((refused as Error).message).toMatch(/^Region "us-esat-1" is not one of this account's regions \(DescribeRegions\): did you mean us-east-1\?/);
    expect(lambdaCalls(ep)).toBe(0);
    const asked = ep.calls.find((c) => c.operation === "DescribeRegions") as { region?: string } | undefined;
    expect(asked?.region).toBe("us-east-1"); // not the mistyped region's endpoint
  });

  it("a name far from every region gets no suggestion", async () => {
    await serve(demo);
    const refused = await scanAccount({ regions: ["xx-nowhere-9"] }).catch((e: unknown) => e);
    expect((refused as Error).message).toBe(`Region "xx-nowhere-9" is not one of this account's regions (DescribeRegions). Correct the region list, or scan all regions with all.`);
  });

  it("an opt-in region the account has not enabled is refused: AWS would refuse every call there", async () => {
    const ep = await serve(demo);
    const refused = await scanAccount({ regions: ["us-east-1", "af-south-1"] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ScanSetupError);
    expect((refused as Error).message).toMatch(/^Region af-south-1 is not enabled in this account \(opt-in, not opted in\)/);
    expect(lambdaCalls(ep)).toBe(0);
  });

  it("a listed region without data is scanned (empty), as before", async () => {
    await serve(demo);
    const { snapshot } = await scanAccount({ regions: ["ap-southeast-2"] });
    expect(Object.keys(snapshot.regions)).toEqual(["ap-southeast-2"]);
  });

  it("without ec2:DescribeRegions the regions are scanned as given", async () => {
    const ep = await serve(demo, { faults: { accessDenied: [{ operation: "DescribeRegions" }] } });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    expect(ep.calls.some((c) => c.operation === "DescribeRegions" && c.status === 403)).toBe(true);
    expect(snapshot.regions["us-east-1"]?.ListFunctions?.Functions.length).toBeGreaterThan(0);
  });
});
