/**
 * The report must not depend on the order in which AWS happened to list the account's roles or functions:
 * GetAccountAuthorizationDetails and ListFunctions document no order, and the scanner keeps theirs. Two scans of an
 * unchanged account must give the same findings, or the Snapshots page's diff (a finding "changed" when its title
 * differs) reports noise.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { diffReports } from "./diff-reports";

const text = readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8");
const findingTexts = (r: ReturnType<typeof analyzeSnapshot>) => Object.fromEntries(r.findings.map((f) => [f.id, `${f.title} | ${f.detail}`]));

describe("the order of the scan's lists", () => {
  const before = analyzeSnapshot(parseSnapshot(text));
  const reordered = JSON.parse(text);
  reordered.iam.GetAccountAuthorizationDetails.RoleDetailList.reverse();
  for (const region of Object.values(reordered.regions) as { ListFunctions?: { Functions: unknown[] } }[]) region.ListFunctions?.Functions.reverse();
  const after = analyzeSnapshot(parseSnapshot(reordered));

  it("gives every finding the same title and detail", () => {
    expect(findingTexts(after)).toEqual(findingTexts(before));
  });

  it("leaves nothing for the diff of two scans of the same account to report but the gaps both share", () => {
    const { from: _from, to: _to, unreadInBoth, ...diff } = diffReports(before, after);
    expect(Object.values(diff).every((list) => list.length === 0), JSON.stringify(diff)).toBe(true);
    // What the demo could not read it could not read in either order: listed as such, the same as against itself.
    expect(unreadInBoth).toEqual(diffReports(before, before).unreadInBoth);
    expect(unreadInBoth.map((u) => u.text)).toContain("hr-payroll-export · us-east-1");
  });
});
