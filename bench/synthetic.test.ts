import { describe, expect, it } from "vitest";
import { SnapshotSchema } from "@/lib/snapshot/schema";
import { generateSyntheticSnapshot } from "./synthetic";

describe("generateSyntheticSnapshot", () => {
  const input = generateSyntheticSnapshot({ functions: 300, roles: 150, seed: 7 });
  const snapshot = SnapshotSchema.parse(input);
  const functions = Object.values(snapshot.regions).flatMap((r) => r.ListFunctions?.Functions ?? []);
  const roles = snapshot.iam?.GetAccountAuthorizationDetails.RoleDetailList ?? [];

  it("parses with SnapshotSchema and has the requested counts", () => {
    expect(functions).toHaveLength(300);
    expect(roles).toHaveLength(150);
    expect(Object.keys(snapshot.regions)).toEqual(["us-east-1", "eu-west-1", "ap-southeast-2"]);
  });

  it("gives every role at least one function when there are more functions than roles", () => {
    const used = new Set(functions.map((f) => f.Role));
    expect(roles.every((r) => used.has(r.Arn))).toBe(true);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateSyntheticSnapshot({ functions: 300, roles: 150, seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(input));
    expect(JSON.stringify(generateSyntheticSnapshot({ functions: 300, roles: 150, seed: 8 }))).not.toBe(JSON.stringify(input));
  });

  it("contains the mix the benchmark relies on", () => {
    const regions = Object.values(snapshot.regions);
    const mappings = regions.flatMap((r) => r.ListEventSourceMappings?.EventSourceMappings ?? []);
    const policies = regions.flatMap((r) => Object.values(r.GetPolicy ?? {}));
    const policyNames = (snapshot.iam?.GetAccountAuthorizationDetails.Policies ?? []).map((p) => p.PolicyName);
    expect(mappings.length).toBeGreaterThan(30);
    expect(policies.length).toBeGreaterThan(100);
    expect(policies.some((p) => String(p.Policy).includes("AWS:SourceAccount"))).toBe(true);
    expect(policyNames).toContain("acme-orders-boundary");
    expect(roles.some((r) => r.PermissionsBoundary)).toBe(true);
    expect(roles.filter((r) => (r.AttachedManagedPolicies ?? []).length > 0).length).toBeGreaterThan(20);
  });

  it("honours regions and handles more roles than functions", () => {
    const s = SnapshotSchema.parse(generateSyntheticSnapshot({ functions: 5, roles: 10, regions: ["eu-central-1"] }));
    expect(Object.keys(s.regions)).toEqual(["eu-central-1"]);
    expect(s.regions["eu-central-1"]?.ListFunctions?.Functions).toHaveLength(5);
    expect(s.iam?.GetAccountAuthorizationDetails.RoleDetailList).toHaveLength(10);
  });
});
