/**
 * The two scans the compare e2e stores (guardrailsUnreadPair): the newer could not read the organization's SCPs, so
 * what the older scan's SCP caused is not known fixed or changed, while a fix and a new finding no SCP bears on count
 * as usual. The e2e reads its numbers from the API; this pins what those lists hold.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { diffReports } from "./diff-reports";
import { guardrailsUnreadApart } from "./scan-gaps";
import { guardrailsUnreadPair } from "./scan-fixtures";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:";
const UNREAD = expect.stringMatching(/^The organization's SCPs and RCPs: .*ListRoots o-acme7k2qx1 failed \(AccessDeniedException/);

describe("the demo against a later scan that could not read the SCPs", () => {
  const demo = parseSnapshotValue(JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")));
  const { older, newer } = guardrailsUnreadPair(demo);
  const [before, after] = [analyzeSnapshot(older), analyzeSnapshot(newer)];
  const d = diffReports(before, after);
  const ids = (l: { id: string }[]) => l.map((f) => f.id);

  it("counts the fix and the new finding no SCP bears on as fixed and new, and the scan's own gap as new", () => {
    expect(ids(d.findingsFixed)).toEqual([`runtime-deprecated:${FN}legacy-ftp-poller`]);
    expect(ids(d.findingsNew)).toEqual([`public-invoke:${FN}store-locator#open-to-everyone`, "data-unavailable:account#Organizations"]);
    expect(d.findingsChanged).toEqual([]);
  });

  it("puts what the unread SCP caused under not known fixed and not known changed, with the newer scan's reason", () => {
    expect(d.findingsUnverified).toEqual([expect.objectContaining({ id: `tracing-permission-missing:${FN}fraud-scorer`, why: UNREAD })]);
    expect(d.findingsChangeUnverified).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(`^event-source-missing-permissions:${FN}orders-processor#`),
        title: "SQS trigger lacks sqs:ReceiveMessage",
        was: { severity: "high", title: "SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage" },
        why: UNREAD,
        unreadIn: "newer",
      }),
    ]);
    expect(d.findingsUnknownBefore).toEqual([]);
  });

  it("names the scan that could not read them, either way round, and neither where both could not alike", () => {
    expect(guardrailsUnreadApart(before, after)).toEqual([{ scan: "newer", name: "SCPs and RCPs" }]);
    expect(guardrailsUnreadApart(after, before)).toEqual([{ scan: "older", name: "SCPs and RCPs" }]);
    expect(guardrailsUnreadApart(after, after)).toEqual([]);
    expect(guardrailsUnreadApart(before, before)).toEqual([]);
  });
});
