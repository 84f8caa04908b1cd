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
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { RULES } from "@/lib/findings/rules/registry";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";
import { GUARDRAIL_RULE_IDS } from "./scan-gaps";

const DENY_RECEIVE = {
  id: "p-noreceive",
  name: "NoReceive",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "sqs:ReceiveMessage", Resource: "*" }] },
};
const DENY_INVOKE = {
  id: "p-noinvoke",
  name: "NoInvoke",
  document: { Version: "2012-10-17", Statement: [deny("lambda:InvokeFunction", "*")] },
};
const LIST_ROOTS_DENIED = "ListRoots failed (AccessDeniedException: You don't have permissions to access this resource.)";

interface Scan {
  /** The organization's SCPs: read (the account's level denying sqs:ReceiveMessage) or refused to the scan. */
  org: "read" | "denied";
  /** Whether worker's resource policy lets everyone invoke it (a finding no guardrail bears on). */
  open?: boolean;
  /** Whether worker's role may read the queue at all (without it the trigger lacks its permissions, SCP or none). */
  grant?: boolean;
  /**
   * Role "caller", which anyone may assume, allowed to invoke worker by its own policy: an invoker, and an
   * invoker-role-open-trust finding, that the account's SCP denying lambda:InvokeFunction refuses.
   */
  caller?: boolean;
  /** Whether worker's resource policy lets account 210987654321 invoke it (a way in no SCP of this account limits). */
  otherAccount?: boolean;
  /** Whether worker's execution role exists (without it, execution-role-missing, which no guardrail bears on). */
  roleExists?: boolean;
}

/** Function worker on an SQS queue, its role granted the queue's reads; the organization's SCPs as `org` says. */
function scan({ org, open = false, grant = true, caller = false, otherAccount = false, roleExists = true }: Scan) {
  const b = newBuilder();
  const queue = b.arn("sqs", REGION, "orders");
  const inline: Record<string, ReturnType<typeof policy>> = grant ? { q: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queue)) } : {};
  const role = roleExists ? b.role({ name: "r", inline }) : b.roleArn("r");
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
  if (open) b.permission(fn, { sid: "open", principal: "*" });
  if (otherAccount) b.permission(fn, { sid: "partner", principal: "210987654321" });
  if (caller) {
    const anyone = policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
    b.role({ name: "caller", trust: anyone, inline: { invoke: policy(allow("lambda:InvokeFunction", fn)) } });
  }
  const section = b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, DENY_RECEIVE, DENY_INVOKE] } });
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

  it("no rule's verdict a guardrail cannot change (a role that does not exist) reads not verifiable: a fix is a fix", () => {
    const before = scan({ org: "read", roleExists: false });
    expect(rules(before.findings)).toContain("execution-role-missing");
    const d = diffReports(before, scan({ org: "denied" }));
    expect(rules(d.findingsFixed)).toContain("execution-role-missing");
    expect(rules(d.findingsUnverified)).not.toContain("execution-role-missing");
  });

  it("lists only registered rules as resting on the guardrails", () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(GUARDRAIL_RULE_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe("what a role reaches and who may invoke, where one scan could not read the SCPs that refuse them", () => {
  const RECEIVE = expect.stringMatching(/^sqs:ReceiveMessage on /);
  const changed = (d: ReturnType<typeof diffReports>) => d.functionsChanged.find((c) => c.name === "worker");

  it("an action the unread SCPs may refuse, reached in the newer scan only, is not known gained: the newer scan's gap", () => {
    const c = changed(diffReports(scan({ org: "read" }), scan({ org: "denied" })));
    expect(c?.actionsGained).toEqual([]);
    expect(c?.actionsUnknownBefore).toEqual([{ text: RECEIVE, why: expect.stringContaining(LIST_ROOTS_DENIED), unreadIn: "newer" }]);
  });

  it("one reached in the older scan only, which could not read the SCPs, is not known lost: the older scan's gap", () => {
    const c = changed(diffReports(scan({ org: "denied" }), scan({ org: "read" })));
    expect(c?.actionsLost).toEqual([]);
    expect(c?.actionsUnverified).toEqual([{ text: RECEIVE, why: expect.stringContaining(LIST_ROOTS_DENIED), unreadIn: "older" }]);
  });

  it("the account's role invoking by its own policy, which the unread SCPs may refuse, is not known gained", () => {
    const d = diffReports(scan({ org: "read", caller: true }), scan({ org: "denied", caller: true }));
    const c = changed(d);
    expect(c?.invokersGained).toEqual([]);
    expect(c?.invokersUnknownBefore).toEqual([expect.objectContaining({ text: expect.stringContaining("role/caller"), unreadIn: "newer" })]);
  });

  it("another account granted by the function's own policy is gained all the same: no SCP of this account limits it", () => {
    const c = changed(diffReports(scan({ org: "read" }), scan({ org: "denied", otherAccount: true })));
    expect(c?.invokersGained.map((i) => i.text)).toEqual([expect.stringContaining("210987654321")]);
    expect(c?.invokersUnknownBefore).toEqual([]);
  });

  it("an over-permission finding the unread SCPs may clear (an open-trust invoker) is not known new; the reverse not known fixed", () => {
    const read = scan({ org: "read", caller: true });
    const denied = scan({ org: "denied", caller: true });
    expect(rules(read.findings)).not.toContain("invoker-role-open-trust");
    expect(rules(denied.findings)).toContain("invoker-role-open-trust");
    const fresh = diffReports(read, denied);
    expect(rules(fresh.findingsNew)).not.toContain("invoker-role-open-trust");
    expect(fresh.findingsUnknownBefore.find((f) => f.rule === "invoker-role-open-trust")).toMatchObject({ why: expect.stringContaining(LIST_ROOTS_DENIED), unreadIn: "newer" });
    const gone = diffReports(denied, read);
    expect(rules(gone.findingsFixed)).not.toContain("invoker-role-open-trust");
    expect(gone.findingsUnverified.find((f) => f.rule === "invoker-role-open-trust")).toMatchObject({ unreadIn: "older" });
  });

  it("with the same gap in both scans, an action the role's readable policies lost is lost, the gap noted", () => {
    const c = changed(diffReports(scan({ org: "denied" }), scan({ org: "denied", grant: false })));
    expect(c?.actionsLost).toEqual(expect.arrayContaining([RECEIVE]));
    expect(c?.actionsUnverified).toEqual([]);
    expect(c?.unreadInBoth).toEqual([expect.stringContaining(LIST_ROOTS_DENIED)]);
  });
});
