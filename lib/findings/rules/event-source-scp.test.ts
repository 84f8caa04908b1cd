/**
 * The organization's SCPs in the analysis: a role's reach and a needs rule follow them, citing the SCP statement;
 * the remediation sends the reader to the organization's administrators.
 */
import { describe, expect, it } from "vitest";
import { roleReach } from "@/lib/analysis/reaches";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { auditLists } from "@/lib/analysis/evidence-audit";
import { parseSnapshot } from "@/lib/snapshot/read";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { builder, contextOf, findingsOf, REGION, ACCOUNT, OU, scpsOnOu } from "../test-support";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";

const DENY_RECEIVE: OrganizationPolicyOptions = {
  id: "p-noreceive",
  name: "FreezeQueues",
  document: { Version: "2012-10-17", Statement: [{ Sid: "NoReceive", Effect: "Deny", Action: "sqs:ReceiveMessage", Resource: "*" }] },
};

/**
 * A worker on an SQS queue, its role granted what the mapping needs (unless `ungranted`); its account under an OU
 * with `ouPolicies`.
 */
function worker(ouPolicies: OrganizationPolicyOptions[] | undefined, ungranted = false) {
  const b = builder();
  const role = b.role({ name: "r", managed: ungranted ? [] : [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")] });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555" });
  if (ouPolicies) b.organization(scpsOnOu(ouPolicies));
  return b;
}

describe("SCPs in the needs rules and the reach", () => {
  it("an SQS trigger lacks sqs:ReceiveMessage when an OU's SCP denies it, with the SCP statement as evidence", () => {
    expect(findingsOf(eventSourceMissingPermissions, worker([FULL_AWS_ACCESS]))).toEqual([]);
    const [f, ...rest] = findingsOf(eventSourceMissingPermissions, worker([FULL_AWS_ACCESS, DENY_RECEIVE]));
    expect(rest).toEqual([]);
    expect(f?.title).toContain("sqs:ReceiveMessage");
    const cited = f?.evidence.find((e) => e.kind === "organization-statement");
    expect(cited?.source).toMatchObject({ policyKind: "scp", policyName: "FreezeQueues", policyId: "p-noreceive", target: OU, statementIndex: 0, sid: "NoReceive" });
    expect(cited?.description).toContain(`SCP 'FreezeQueues' (p-noreceive) attached to ${OU}`);
    expect(f?.remediation).toMatch(/organization's administrators/);
  });

  it("an SCP type being enabled or disabled: the trigger only may lack sqs:ReceiveMessage, the note naming type and status", () => {
    for (const Status of ["PENDING_ENABLE", "PENDING_DISABLE"]) {
      const b = worker([FULL_AWS_ACCESS, DENY_RECEIVE]);
      const org = b.organization(scpsOnOu([FULL_AWS_ACCESS, DENY_RECEIVE]));
      (org.ListRoots as { Roots: { PolicyTypes: object[] }[] }).Roots[0]!.PolicyTypes = [{ Type: "SERVICE_CONTROL_POLICY", Status }];
      const [f, ...rest] = findingsOf(eventSourceMissingPermissions, b);
      expect(rest).toEqual([]);
      expect(f?.conditional).toBe(true);
      expect(f?.title).toMatch(/\bmay\b/);
      expect(JSON.stringify(f)).toContain(`SCPs are ${Status} on the organization's root: AWS does not say whether they are enforced yet`);
    }
  });

  it("a need the SCP denies and the role does not grant either: both the organization's and the role's fix", () => {
    const [f] = findingsOf(eventSourceMissingPermissions, worker([FULL_AWS_ACCESS, DENY_RECEIVE], true));
    expect(f?.remediation).toMatch(/^sqs:ReceiveMessage is refused by its organization's service control policy \(SCP\)/m);
    expect(f?.remediation).not.toContain("own policies allow sqs:ReceiveMessage");
    expect(f?.remediation).toContain("put-role-policy");
    expect(f?.remediation).toMatch(/"sqs:ReceiveMessage"/);
  });

  it("the account's own requests carry its organization: a perimeter RCP keyed on aws:PrincipalOrgID(Paths) decides", () => {
    const perimeter = (condition: Record<string, Record<string, string>>): OrganizationPolicyOptions => ({
      id: "p-perimeter",
      name: "Perimeter",
      document: { Version: "2012-10-17", Statement: [{ Sid: "OrgOnly", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*", Condition: condition }] },
    });
    const guarded = (rcp: OrganizationPolicyOptions) => {
      const b = worker(undefined);
      b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, rcp] } });
      return findingsOf(eventSourceMissingPermissions, b);
    };
    // The builder's organization is o-a1b2c3d4e5, the account under r-a1b2 → OU.
    expect(guarded(perimeter({ StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }))).toEqual([]);
    expect(guarded(perimeter({ "ForAllValues:StringNotLike": { "aws:PrincipalOrgPaths": `o-a1b2c3d4e5/r-a1b2/${OU}/*` } }))).toEqual([]);
    const [outside] = guarded(perimeter({ StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" } }));
    expect(outside?.title).toContain("sqs:ReceiveMessage");
    expect(outside?.title).not.toMatch(/\bmay\b/);
  });

  it("in no organization the account's requests carry no aws:PrincipalOrgID: a grant keyed on it never applies", () => {
    const keyed = (organizations: "none" | "unread") => {
      const b = builder();
      const grant = { Effect: "Allow" as const, Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: "*" };
      const inOrg = { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };
      const role = b.role({ name: "r", inline: { q: { Version: "2012-10-17", Statement: [{ ...grant, Condition: inOrg }] } } });
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
      b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555" });
      if (organizations === "none") {
        delete b.organization().DescribeOrganization;
        b.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "not a member" });
      }
      return findingsOf(eventSourceMissingPermissions, b);
    };
    const [definite] = keyed("none");
    expect(definite?.title).toContain("sqs:ReceiveMessage");
    expect(definite?.title).not.toMatch(/\bmay\b/);
    // Without an organizations section, whether the account is in one is unknown: only a "may".
    const [maybe] = keyed("unread");
    expect(maybe?.title).toMatch(/\bmay\b/);
  });

  it("an SCP Deny under a condition the snapshot cannot judge: a may, left to the organization's administrators", () => {
    const vpceOnly: OrganizationPolicyOptions = {
      id: "p-vpceonly",
      name: "QueuesThroughVpce",
      document: { Version: "2012-10-17", Statement: [{ Sid: "Vpce", Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } } }] },
    };
    const [f] = findingsOf(eventSourceMissingPermissions, worker([FULL_AWS_ACCESS, vpceOnly]));
    expect(f?.title).toMatch(/\bmay\b/);
    expect(f?.remediation).toContain("depending on aws:SourceVpce");
    expect(f?.remediation).toContain("only the organization's administrators can change it");
    expect(f?.remediation).not.toContain("narrow it");
  });

  it("an OU that allows only some services leaves the trigger refused, naming the level", () => {
    const onlyLogs: OrganizationPolicyOptions = { id: "p-onlylogs", name: "OnlyLogs", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }] } };
    const [f] = findingsOf(eventSourceMissingPermissions, worker([onlyLogs]));
    expect(JSON.stringify(f?.evidence)).toContain(`no SCP attached to ${OU} allows sqs:ReceiveMessage`);
  });

  it("the role's reach leaves out what the SCP denies", () => {
    const ctx = contextOf(worker([FULL_AWS_ACCESS, DENY_RECEIVE]));
    const sqs = roleReach(ctx.model, ctx.model.functions[0]!.role!).reaches.filter((r) => r.service === "sqs");
    expect(sqs.flatMap((r) => r.actions)).toEqual(["sqs:DeleteMessage", "sqs:GetQueueAttributes"]);
    // Not silently missing: the grant's group says an SCP takes part of it away.
    expect(sqs[0]?.partiallyDenied).toBe(true);
    expect(sqs[0]?.deniedBy).toEqual([`SCP FreezeQueues#NoReceive (attached to ${OU})`]);
    const before = contextOf(worker(undefined));
    const all = roleReach(before.model, before.model.functions[0]!.role!).reaches.filter((r) => r.service === "sqs");
    expect(all.flatMap((r) => r.actions)).toContain("sqs:ReceiveMessage");
  });

  it("a reach an SCP denies part of says which SCP, and where it is attached", () => {
    const b = builder();
    const role = b.role({ name: "ops", inline: { all: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] } } });
    b.fn({ region: REGION, name: "ops", runtime: "python3.13", role });
    const keepOrders: OrganizationPolicyOptions = {
      id: "p-keeporders",
      name: "KeepOrders",
      document: { Version: "2012-10-17", Statement: [{ Sid: "NoDelete", Effect: "Deny", Action: "sqs:DeleteQueue", Resource: "arn:aws:sqs:*:*:orders" }] },
    };
    b.organization({ ous: [OU], scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: [FULL_AWS_ACCESS, keepOrders], [ACCOUNT]: [FULL_AWS_ACCESS] } });
    const ctx = contextOf(b);
    const [sqs] = roleReach(ctx.model, ctx.model.functions[0]!.role!).reaches.filter((r) => r.service === "sqs");
    expect(sqs?.partiallyDenied).toBe(true);
    expect(sqs?.deniedBy).toEqual([`SCP KeepOrders#NoDelete (attached to ${OU})`]);
  });

  it("a service-linked role's reach is neither cut nor flagged by an SCP or RCP: neither limits its calls", () => {
    const b = builder();
    const slr = b.role({
      name: "AWSServiceRoleForOps",
      path: "/aws-service-role/ops.amazonaws.com/",
      inline: { all: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: b.arn("sqs", REGION, "orders") }] } },
    });
    const noDelete = (id: string, principal?: "*"): OrganizationPolicyOptions => ({
      id,
      name: "KeepQueues",
      document: { Version: "2012-10-17", Statement: [{ Sid: "NoDelete", Effect: "Deny", ...(principal ? { Principal: principal } : {}), Action: "sqs:DeleteQueue", Resource: "*" }] },
    });
    b.organization({
      ous: [OU],
      enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
      scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: [FULL_AWS_ACCESS, noDelete("p-nodelete")], [ACCOUNT]: [FULL_AWS_ACCESS] },
      rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS, noDelete("p-nodelete-rcp", "*")], [ACCOUNT]: [RCP_FULL_AWS_ACCESS] },
    });
    const ctx = contextOf(b);
    const role = ctx.model.roles.get(slr)!;
    const [sqs, ...others] = roleReach(ctx.model, role).reaches.filter((r) => r.service === "sqs");
    expect(others).toEqual([]);
    expect(sqs?.actions).toContain("sqs:DeleteQueue");
    expect(sqs?.partiallyDenied).toBeUndefined();
  });

  it("a role the function's policy names, which an SCP refuses, is listed as denied, naming the SCP", () => {
    const b = builder();
    const target = b.fn({ region: REGION, name: "payments", runtime: "python3.13", role: b.role({ name: "payments-role", inline: {} }) });
    const caller = b.role({ name: "caller", inline: {} });
    b.fn({ region: REGION, name: "caller", runtime: "python3.13", role: caller });
    b.permission(target, { sid: "caller", principal: caller });
    const noInvoke: OrganizationPolicyOptions = {
      id: "p-noinvoke",
      name: "FreezePayments",
      document: { Version: "2012-10-17", Statement: [{ Sid: "NoInvoke", Effect: "Deny", Action: "lambda:InvokeFunction", Resource: target }] },
    };
    b.organization({ ous: [OU], scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: [FULL_AWS_ACCESS, noInvoke], [ACCOUNT]: [FULL_AWS_ACCESS] } });
    const snapshot = b.build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const way = report.functions.find((f) => f.name === "payments")?.invokers.find((i) => i.principal === caller);
    expect(way?.decision).toBe("explicitly-denied");
    expect(way?.deniedBy).toEqual([`SCP FreezePayments#NoInvoke (attached to ${OU})`]);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });
});

