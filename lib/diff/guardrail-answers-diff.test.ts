/**
 * Answers that changed between two scans where one of them could not read the organization's SCPs or RCPs: that scan
 * took them to permit everything, so a condition or Deny the other scan read in them (a way in now conditional, an
 * assumer kept within the organization) reads as a change the guardrails alone may make. Like gained and lost
 * (organization-unread-diff.test.ts), such an answer is not verifiable in the scan that could not read them; with the
 * same gap in both scans it compares as usual, the gap listed once as unread in both.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { diffReports } from "./diff-reports";
import { withGuardrailsUnread } from "./scan-fixtures";

const LIST_ROOTS_DENIED = "ListRoots failed (AccessDeniedException";
const ORG = "o-a1b2c3d4e5";
const PARTNER = "210987654321";

/** An SCP refusing invocations and queue reads from outside the office range: a condition the snapshot cannot judge. */
const OFFICE_ONLY = {
  id: "p-office",
  name: "OfficeOnly",
  document: {
    Version: "2012-10-17",
    Statement: [deny(["lambda:InvokeFunction", "sqs:ReceiveMessage"], "*", { condition: { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } } })],
  },
};
/** An RCP keeping sts:AssumeRole on the account's roles within the organization (AWS services exempt), and refusing account 210987654321 outright. */
const PERIMETER = {
  id: "p-perimeter",
  name: "Perimeter",
  document: {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OrgOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "sts:AssumeRole",
        Resource: "*",
        Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
      },
      { Sid: "NotPartner", Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": PARTNER } } },
    ],
  },
};

interface Scan {
  /** The organization's SCPs and RCPs: read, refused to the scan (a member account's), or the RCP's document alone unread. */
  org: "read" | "denied" | "rcp-unread";
  /** Whether role "caller" may invoke worker by its own policy (a way in on worker), or every function (account-wide). */
  caller?: "worker" | "every";
  /** Whether caller's trust policy lets account 210987654321 in too (the RCP refuses it). */
  partner?: boolean;
  /** Whether worker's role may also do everything (`*` on `*`), which the RCP on sts:AssumeRole limits in part. */
  admin?: boolean;
  /** Whether worker is triggered by queue "orders": its role lacks sqs:GetQueueAttributes for it either way, and sqs:DeleteMessage unless `deletes`. */
  trigger?: boolean;
  deletes?: boolean;
}

/**
 * Function worker, whose role reads queue "orders"; role "caller", which anyone may assume, invoking as `caller`
 * says; the guardrails above on the account, as `org` says.
 */
function scan({ org, caller = "worker", partner = false, admin = false, trigger = false, deletes = false }: Scan) {
  const b = newBuilder();
  const queue = b.arn("sqs", REGION, "orders");
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { q: policy(allow(["sqs:ReceiveMessage", ...(deletes ? ["sqs:DeleteMessage"] : [])], queue)), ...(admin ? { all: policy(allow("*", "*")) } : {}) } }) });
  if (trigger) b.esm({ functionArn: fn, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
  const trust = policy(
    { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
    ...(partner ? [{ Sid: "Partner", Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: "sts:AssumeRole" }] : []),
  );
  b.role({ name: "caller", trust, inline: { invoke: policy(allow("lambda:InvokeFunction", caller === "worker" ? fn : "*")) } });
  const section = b.organization({
    id: ORG,
    enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
    scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, OFFICE_ONLY] },
    rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, PERIMETER] },
  });
  if (org === "denied") {
    // A member account's scan: DescribeOrganization answers, the policies may not be listed.
    for (const k of ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"]) delete section[k];
    b.error({ operation: "ListRoots", code: "AccessDeniedException", message: "You don't have permissions to access this resource." });
  }
  if (org === "rcp-unread") {
    delete (section.DescribePolicy as Record<string, unknown>)[PERIMETER.id];
    b.error({ operation: "DescribePolicy", target: PERIMETER.id, code: "ThrottlingException", message: "Rate exceeded" });
  }
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const WHY = expect.stringContaining(LIST_ROOTS_DENIED);
const CALLER = "arn:aws:iam::123456789012:role/caller";
const worker = (d: ReturnType<typeof diffReports>) => d.functionsChanged.find((c) => c.name === "worker");
const PARTNER_LINE = `caller: account ${PARTNER}`;
const RECEIVE_CONDITIONAL = "sqs:ReceiveMessage on arn:aws:sqs:us-east-1:123456789012:orders (conditional)";

describe("a way in whose answer the guardrails one scan could not read may change", () => {
  it("conditional on the SCP's condition before, allowed in a scan that could not read it: not verifiable, never lost", () => {
    const c = worker(diffReports(scan({ org: "read" }), scan({ org: "denied" })));
    expect([c?.invokersLost, c?.invokersGained, c?.invokersUnknownBefore]).toEqual([[], [], []]);
    expect(c?.invokersUnverified).toEqual([expect.objectContaining({ text: `${CALLER} (its identity policy) · conditional`, why: WHY })]);
  });

  it("the other way round, conditional now where the older scan could not read the SCP: not known gained, never lost", () => {
    const c = worker(diffReports(scan({ org: "denied" }), scan({ org: "read" })));
    expect([c?.invokersLost, c?.invokersGained, c?.invokersUnverified]).toEqual([[], [], []]);
    expect(c?.invokersUnknownBefore).toEqual([expect.objectContaining({ text: `${CALLER} (its identity policy) · conditional`, why: WHY })]);
    expect(c?.invokersUnknownBefore[0]?.unreadIn).toBeUndefined();
  });

  it("a role invoking every function, whose answer only the SCPs changed: not verifiable, no answer changed", () => {
    const d = diffReports(scan({ org: "read", caller: "every" }), scan({ org: "denied", caller: "every" }));
    expect(d.accountInvokersChanged).toEqual([]);
    expect(d.accountInvokersUnverified).toEqual([{ text: CALLER, why: WHY }]);
    const back = diffReports(scan({ org: "denied", caller: "every" }), scan({ org: "read", caller: "every" }));
    expect(back.accountInvokersChanged).toEqual([]);
    expect(back.accountInvokersUnknownBefore).toEqual([{ text: CALLER, why: WHY }]);
  });
});

describe("an action whose answer the guardrails one scan could not read may change", () => {
  it("conditional under the SCP's condition before, plain in a scan that could not read it: not verifiable, not lost and gained", () => {
    const c = worker(diffReports(scan({ org: "read" }), scan({ org: "denied" })));
    expect([c?.actionsLost, c?.actionsGained, c?.actionsUnknownBefore]).toEqual([[], [], []]);
    expect(c?.actionsUnverified).toEqual([{ text: RECEIVE_CONDITIONAL, why: WHY }]);
    const back = worker(diffReports(scan({ org: "denied" }), scan({ org: "read" })));
    expect([back?.actionsLost, back?.actionsGained, back?.actionsUnverified]).toEqual([[], [], []]);
    expect(back?.actionsUnknownBefore).toEqual([{ text: RECEIVE_CONDITIONAL, why: WHY }]);
  });

  it("every action (`*` on `*`), which RCPs limit too, is not verifiable where only the RCPs went unread", () => {
    const c = worker(diffReports(scan({ org: "read", admin: true }), scan({ org: "rcp-unread", admin: true })));
    expect(c?.actionsChanged).toEqual([]);
    expect(c?.actionsUnverified).toEqual([{ text: "* on *", why: expect.stringContaining("DescribePolicy p-perimeter failed") }]);
  });

  it("the demo's SCP Deny of data deletions, unread in one scan, changes no answer: each is not verifiable there", () => {
    const snapshot = parseSnapshotValue(JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")));
    const read = analyzeSnapshot(snapshot);
    const unread = analyzeSnapshot(parseSnapshotValue(structuredClone(withGuardrailsUnread(snapshot, "2026-12-01T00:00:00Z"))));
    const all = (d: ReturnType<typeof diffReports>, list: "actionsChanged" | "actionsUnverified" | "actionsUnknownBefore") =>
      d.functionsChanged.flatMap((c) => c[list].map((a) => `${c.name}: ${a.text.slice(-40)}`));
    const d = diffReports(read, unread);
    expect(all(d, "actionsChanged")).toEqual([]);
    expect(all(d, "actionsUnverified")).toEqual([expect.stringMatching(/^media-transcoder: .* on \*$/), "ops-admin-toolkit: * on *", expect.stringMatching(/^support-ticket-router: .* on \*$/)]);
    const back = diffReports(unread, read);
    expect(all(back, "actionsChanged")).toEqual([]);
    expect(all(back, "actionsUnknownBefore")).toEqual(all(d, "actionsUnverified"));
  });
});

describe("a finding in both scans that reads otherwise only by the guardrails one scan could not read", () => {
  // The SCP's condition on sqs:ReceiveMessage adds "may lack" to the trigger's finding where it was read.
  const TRIGGER = "event-source-missing-permissions:arn:aws:lambda:us-east-1:123456789012:function:worker#11111111-2222-3333-4444-555555555555";
  const LACKS = "SQS trigger lacks sqs:DeleteMessage, sqs:GetQueueAttributes";
  const MAY_LACK = `${LACKS}; may lack sqs:ReceiveMessage (depends on aws:SourceIp)`;
  const trigger = (l: { id: string }[]) => l.filter((f) => f.id === TRIGGER);

  // Not known changed is neither not known fixed nor not known new: a consumer counting those lists counts only them.
  const elsewhere = (d: ReturnType<typeof diffReports>) =>
    [d.findingsNew, d.findingsFixed, d.findingsChanged, d.findingsUnverified, d.findingsUnknownBefore].flatMap(trigger);

  it("softened in a newer scan that could not read the SCP: not known changed, the newer scan's gap, in no other list", () => {
    const d = diffReports(scan({ org: "read", trigger: true }), scan({ org: "denied", trigger: true }));
    expect(trigger(d.findingsChangeUnverified)).toEqual([{ id: TRIGGER, rule: "event-source-missing-permissions", severity: "high", title: LACKS, functions: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`], was: { severity: "high", title: MAY_LACK }, why: WHY, unreadIn: "newer" }]);
    expect(elsewhere(d)).toEqual([]);
    expect(d.changedNodeIds).toEqual([]);
  });

  it("the other way round, where the older scan could not read it: not known changed, the older scan's gap, in no other list", () => {
    const d = diffReports(scan({ org: "denied", trigger: true }), scan({ org: "read", trigger: true }));
    expect(trigger(d.findingsChangeUnverified)).toEqual([expect.objectContaining({ title: MAY_LACK, was: { severity: "high", title: LACKS }, why: WHY, unreadIn: "older" })]);
    expect(elsewhere(d)).toEqual([]);
  });

  it("with the guardrails read in both, or unread in both, a change of the role's own grant is a change", () => {
    const d = diffReports(scan({ org: "read", trigger: true, deletes: true }), scan({ org: "read", trigger: true }));
    expect(trigger(d.findingsChanged)).toEqual([expect.objectContaining({ title: MAY_LACK })]);
    const unread = diffReports(scan({ org: "denied", trigger: true, deletes: true }), scan({ org: "denied", trigger: true }));
    expect(trigger(unread.findingsChanged)).toEqual([expect.objectContaining({ title: LACKS, unreadInBoth: WHY })]);
    expect([...unread.findingsUnverified, ...unread.findingsUnknownBefore, ...unread.findingsChangeUnverified].map((f) => f.id)).not.toContain(TRIGGER);
  });
});

describe("who may assume an invoking role, where one scan could not read the RCPs on sts:AssumeRole", () => {
  const WITHIN = "caller: * (any principal) (conditional) within the organization's RCPs";

  it("an assumer the RCPs refuse, listed by a newer scan that could not read them, is not known gained: the newer scan's gap", () => {
    const d = diffReports(scan({ org: "read", partner: true }), scan({ org: "denied", partner: true }));
    expect([d.assumersGained, d.assumersLost]).toEqual([[], []]);
    expect(d.assumersUnknownBefore).toEqual([{ text: PARTNER_LINE, why: WHY, unreadIn: "newer" }]);
    // Kept within the organization before, open now only as the unread RCPs let it read: not verifiable, not lost and gained.
    expect(d.assumersUnverified).toEqual([{ text: WITHIN, why: WHY }]);
  });

  it("one listed by an older scan that could not read the RCPs, absent now, is not known lost: the older scan's gap", () => {
    const d = diffReports(scan({ org: "denied", partner: true }), scan({ org: "read", partner: true }));
    expect([d.assumersGained, d.assumersLost]).toEqual([[], []]);
    expect(d.assumersUnverified).toEqual([{ text: PARTNER_LINE, why: WHY, unreadIn: "older" }]);
    expect(d.assumersUnknownBefore).toEqual([{ text: WITHIN, why: WHY }]);
  });

  it("with only the RCPs unread (a throttled DescribePolicy), the assumers are not verifiable, the SCP-limited answers compare as before", () => {
    const d = diffReports(scan({ org: "read", partner: true }), scan({ org: "rcp-unread", partner: true }));
    const rcpsUnread = expect.stringContaining("DescribePolicy p-perimeter failed (ThrottlingException");
    expect([d.assumersGained, d.assumersLost]).toEqual([[], []]);
    expect(d.assumersUnknownBefore).toEqual([{ text: PARTNER_LINE, why: rcpsUnread, unreadIn: "newer" }]);
    expect(d.assumersUnverified).toEqual([{ text: WITHIN, why: rcpsUnread }]);
    // The SCPs, read in both, still make the way in and the queue read conditional: nothing of worker changed.
    expect(worker(d)).toBeUndefined();
  });
});

describe("both scans unable to read the guardrails: what changed in what both read is a change", () => {
  it("an assumer the trust policy adds is gained, an answer is not called unverifiable, the gap listed once", () => {
    const d = diffReports(scan({ org: "denied" }), scan({ org: "denied", partner: true }));
    expect(d.assumersGained).toEqual([PARTNER_LINE]);
    expect([d.assumersUnverified, d.assumersUnknownBefore, d.accountInvokersUnverified, d.accountInvokersUnknownBefore]).toEqual([[], [], [], []]);
    expect(d.unreadInBoth).toEqual([{ text: "the organization's SCPs and RCPs", why: WHY }]);
    expect(diffReports(scan({ org: "denied", partner: true }), scan({ org: "denied" })).assumersLost).toEqual([PARTNER_LINE]);
  });

  it("a role that invokes one function and then every function changes as usual: no line unverifiable", () => {
    const d = diffReports(scan({ org: "denied" }), scan({ org: "denied", caller: "every" }));
    expect(d.accountInvokersGained).toEqual([CALLER]);
    expect([d.findingsUnverified, d.findingsUnknownBefore, d.findingsChangeUnverified, d.accountInvokersUnknownBefore]).toEqual([[], [], [], []]);
    expect(worker(d)?.invokersUnverified ?? []).toEqual([]);
    expect(d.assumersUnverified).toEqual([]);
  });
});
