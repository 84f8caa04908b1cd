/**
 * What reading a snapshot set aside (read.ts `readSnapshot`, set-aside.ts): reported in the reader's own terms, not
 * by matching the recorded errors' text, and worded short for the upload notice however many there were.
 */
import { describe, expect, it } from "vitest";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { setAt } from "@/lib/snapshot/fixtures/mutations";
import { readSnapshot } from "./read";
import { MALFORMED_RESPONSE } from "./schema";
import { setAsideSentence, summarizeSetAside, type SetAsideEntry } from "./set-aside";

const demo = JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)) as {
  regions: Record<string, { ListFunctions: { Functions: { FunctionArn: string }[] } }>;
  organizations: { DescribePolicy: Record<string, unknown> };
  errors?: unknown[];
};
const US = "us-east-1";
const functionAt = (i: number) => demo.regions[US]!.ListFunctions.Functions[i]!.FunctionArn;
const edited = (path: (string | number)[], value: unknown) => setAt(structuredClone(demo), path, value);

describe("readSnapshot's setAside", () => {
  it("is empty for a file that fits the schema", () => {
    expect(readSnapshot(demo).setAside).toEqual([]);
  });

  it("names a malformed function entry by its place in the file and its ARN", () => {
    const { snapshot, setAside } = readSnapshot(edited(["regions", US, "ListFunctions", "Functions", 3, "FunctionName"], 42));
    expect(setAside).toEqual([
      { field: `regions.${US}.ListFunctions.Functions.3`, target: functionAt(3), message: "Functions.3.FunctionName: Invalid input: expected string, received number" },
    ]);
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ target: functionAt(3), code: MALFORMED_RESPONSE }));
  });

  it("names a per-resource answer, an IAM entry and an organization answer, as many as were recorded", () => {
    const arn = functionAt(0);
    const snap = edited(["regions", US, "GetPolicy", arn, "RevisionId"], []);
    setAt(snap, ["iam", "GetAccountAuthorizationDetails", "RoleDetailList", 0, "RoleName"], 7);
    const policy = Object.keys(demo.organizations.DescribePolicy)[0]!;
    setAt(snap, ["organizations", "DescribePolicy", policy, "Policy"], "not an object");
    const { snapshot, setAside } = readSnapshot(snap);
    expect(setAside.map((s) => s.field).sort()).toEqual(
      ["iam.GetAccountAuthorizationDetails.RoleDetailList.0", `organizations.DescribePolicy.${policy}`, `regions.${US}.GetPolicy.${arn}`].sort(),
    );
    expect(setAside.find((s) => s.field.startsWith("regions"))).toEqual({ field: `regions.${US}.GetPolicy.${arn}`, target: arn, message: "RevisionId: Invalid input: expected string, received array" });
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toHaveLength(setAside.length);
  });

  // The scanner records MalformedResponse too (lib/aws/): that answer was never in the file, nothing was set aside.
  it("leaves out a MalformedResponse the file already recorded", () => {
    const recorded = { region: US, operation: "GetPolicy", target: functionAt(0), code: MALFORMED_RESPONSE, message: "RevisionId: odd (set aside when the snapshot was read)" };
    const snap = edited(["errors"], [recorded]);
    setAt(snap, ["regions", US, "ListFunctions", "Functions", 2, "Runtime"], 9);
    const { snapshot, setAside } = readSnapshot(snap);
    expect(setAside.map((s) => s.target)).toEqual([functionAt(2)]);
    expect(snapshot.errors).toContainEqual(recorded);
  });
});

describe("the upload notice's wording", () => {
  const entry = (i: number): SetAsideEntry => ({ field: `regions.${US}.ListFunctions.Functions.${i}`, target: `arn:aws:lambda:${US}:1:function:f${i}`, message: "m" });

  it("names one entry and says it shows as unknown", () => {
    expect(setAsideSentence(summarizeSetAside([entry(3)]))).toBe(
      `1 malformed entry was set aside; what it concerned shows as unknown: regions.${US}.ListFunctions.Functions.3 (arn:aws:lambda:${US}:1:function:f3).`,
    );
  });

  it("names the first few of many and counts the rest; the answer lists at most 20", () => {
    const summary = summarizeSetAside(Array.from({ length: 250 }, (_, i) => entry(i)));
    expect(summary.count).toBe(250);
    expect(summary.entries).toHaveLength(20);
    const sentence = setAsideSentence(summary);
    expect(sentence).toMatch(/^250 malformed entries were set aside; what they concerned shows as unknown: /);
    expect(sentence).toMatch(/Functions\.2 \(arn:aws:lambda:us-east-1:1:function:f2\), and 247 more\.$/);
    expect(sentence).not.toContain("Functions.3 ");
  });

  it("names an entry with no readable id by its place alone", () => {
    expect(setAsideSentence({ count: 1, entries: [{ field: "iam.GetAccountAuthorizationDetails.RoleDetailList.0", message: "m" }] })).toContain(
      "unknown: iam.GetAccountAuthorizationDetails.RoleDetailList.0.",
    );
  });
});

describe("a crafted key of a megabyte in a map keyed by function ARN", () => {
  const key = `${functionAt(0)}:${"k".repeat(500_000)}${"y".repeat(500_000)}`;
  const withKey = (operation: string) => edited(["regions", US, operation], { [key]: { FunctionArn: 7, DestinationConfig: "odd" } });

  it.each(["GetFunctionEventInvokeConfig", "GetFunctionUrlConfig", "GetPolicy"])("%s: the upload's answer and notice cut it in the middle, as the CLI's warnings do", (operation) => {
    const { setAside } = readSnapshot(withKey(operation));
    expect(setAside.map((e) => e.target === key)).toEqual([true]); // the reader's record keeps it whole
    const summary = summarizeSetAside(setAside);
    // Lengths and booleans, not the text: a failure would print a megabyte.
    expect(JSON.stringify(summary).length).toBeLessThan(2000);
    expect(/k…\(\d+ characters\)…y/.test(summary.entries[0]!.target ?? "")).toBe(true);
    expect(/…\(\d+ characters\)…y+$/.test(summary.entries[0]!.field)).toBe(true);
    expect(setAsideSentence(summary).length).toBeLessThan(1000);
  });
});
