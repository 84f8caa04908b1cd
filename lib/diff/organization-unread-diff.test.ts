/**
 * A scan that could not read the organization's SCPs and RCPs answers as if they permit everything (organization.ts):
 * a finding an SCP caused in the older scan (a Deny of what the role needs) is absent from the newer one without
 * anything being fixed. Like the other unread data (diff-unread-data.test.ts), that is not verifiable, never fixed;
 * the same gap in both scans is no scan's alone (unread-in-both.test.ts).
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";

const DENY_RECEIVE = {
  id: "p-noreceive",
  name: "NoReceive",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "sqs:ReceiveMessage", Resource: "*" }] },
};
const LIST_ROOTS_DENIED = "ListRoots failed (AccessDeniedException: You don't have permissions to access this resource.)";

interface Scan {
  /** The organization's SCPs: read (the account's level denying sqs:ReceiveMessage) or refused to the scan. */
  org: "read" | "denied";
  /** Whether worker's resource policy lets everyone invoke it (a finding no guardrail bears on). */
  open?: boolean;
  /** Whether worker's role may read the queue at all (without it the trigger lacks its permissions, SCP or none). */
  grant?: boolean;
}

/** Function worker on an SQS queue, its role granted the queue's reads; the organization's SCPs as `org` says. */
function scan({ org, open = false, grant = true }: Scan) {
  const b = newBuilder();
  const queue = b.arn("sqs", REGION, "orders");
  const role = b.role({ name: "r", inline: grant ? { q: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queue)) } : {} });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
  if (open) b.permission(fn, { sid: "open", principal: "*" });
  const section = b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, DENY_RECEIVE] } });
  if (org === "denied") {
    // A member account's scan: DescribeOrganization answers, the policies may not be listed.
    for (const k of ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"]) delete section[k];
    b.error({ operation: "ListRoots", code: "AccessDeniedException", message: "You don't have permissions to access this resource." });
  }
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const rules = (fs: { rule: string }[]) => fs.map((f) => f.rule);

describe("findings that rest on the organization's SCPs, where one scan could not read them", () => {
  it("the older scan's SCP finding, absent from a newer scan that could not read the SCPs, is not verifiable, not fixed", () => {
    const before = scan({ org: "read" });
    expect(rules(before.findings)).toContain("event-source-missing-permissions");
    const d = diffReports(before, scan({ org: "denied" }));
    expect(rules(d.findingsFixed)).not.toContain("event-source-missing-permissions");
    const [unverified, ...rest] = d.findingsUnverified;
    expect(rest).toEqual([]);
    expect(unverified?.rule).toBe("event-source-missing-permissions");
    expect(unverified?.why).toContain("The organization's SCPs and RCPs");
    expect(unverified?.why).toContain(LIST_ROOTS_DENIED);
  });

  it("the newer scan's SCP finding, absent from an older scan that could not read the SCPs, is not known new", () => {
    const d = diffReports(scan({ org: "denied" }), scan({ org: "read" }));
    expect(rules(d.findingsNew)).not.toContain("event-source-missing-permissions");
    expect(rules(d.findingsUnknownBefore)).toEqual(["event-source-missing-permissions"]);
    expect(d.findingsUnknownBefore[0]?.why).toContain(LIST_ROOTS_DENIED);
  });

  it("a finding no guardrail bears on (who may invoke through the function's own policy) is fixed all the same", () => {
    const d = diffReports(scan({ org: "read", open: true }), scan({ org: "denied" }));
    expect(rules(d.findingsFixed)).toContain("public-invoke");
    expect(rules(d.findingsUnverified)).not.toContain("public-invoke");
  });

  it("with the same gap in both scans, a finding fixed in the role's readable policies is fixed, the gap noted and listed", () => {
    const d = diffReports(scan({ org: "denied", grant: false }), scan({ org: "denied" }));
    const fixed = d.findingsFixed.find((f) => f.rule === "event-source-missing-permissions");
    expect(fixed?.unreadInBoth).toContain(LIST_ROOTS_DENIED);
    expect(d.findingsUnverified).toEqual([]);
    expect(d.unreadInBoth).toEqual([{ text: "the organization's SCPs and RCPs", why: expect.stringContaining(LIST_ROOTS_DENIED) }]);
  });

  it("scans that both read the SCPs compare as before: nothing unread", () => {
    const d = diffReports(scan({ org: "read" }), scan({ org: "read", grant: false }));
    expect([d.findingsUnverified, d.findingsUnknownBefore, d.unreadInBoth]).toEqual([[], [], []]);
  });
});
