/**
 * The reach list's shortcut (an unconditional Allow decides its own actions alone) per action: a Deny of the role's,
 * or an SCP or RCP, sends only the actions it may touch to the evaluator. Each answer here is also the evaluator's own,
 * action by action, so a shortcut too loose (deciding an action a Deny or a guardrail refuses) fails them.
 */
import { describe, expect, it, vi } from "vitest";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { expandActionPattern } from "@/lib/catalog/actions";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import * as evaluatePolicies from "@/lib/policy/evaluate-policies";
import { canRole } from "./role-access";
import { roleReach } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

// Which actions the reach list asks one by one (the evaluator's per-action key), to see the shortcut hold.
vi.mock("@/lib/policy/evaluate-policies", async (importOriginal) => {
  const m = await importOriginal<typeof import("@/lib/policy/evaluate-policies")>();
  return { ...m, actionMatchKey: vi.fn(m.actionMatchKey) };
});

const OU = "ou-a1b2-prod2222";
const BUCKET = "arn:aws:s3:::orders";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const scp = (id: string, name: string, ...Statement: unknown[]): OrganizationPolicyOptions => ({ id, name, document: doc(...Statement) });

const PROTECT = scp("p-protect1", "ProtectProductionData", { Sid: "DenyDataStoreDeletion", Effect: "Deny", Action: ["s3:DeleteBucket", "dynamodb:DeleteTable"], Resource: "*" });

/**
 * The reach of a function's role holding these inline policies, under these SCPs at the account's OU (FullAWSAccess
 * elsewhere) and, when given, these RCPs at the account.
 */
function reachOf(inline: Record<string, unknown>, ouScps?: OrganizationPolicyOptions[], accountRcps?: OrganizationPolicyOptions[]) {
  const b = newBuilder();
  if (ouScps) {
    const rcps = accountRcps ? { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: accountRcps } : undefined;
    b.organization({ ous: [OU], enabled: ["SERVICE_CONTROL_POLICY", ...(rcps ? (["RESOURCE_CONTROL_POLICY"] as const) : [])], scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: ouScps, [ACCOUNT]: [FULL_AWS_ACCESS] }, rcps });
  }
  const role = b.role({ name: "r", inline: inline as never });
  b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
  const model = modelOf(b);
  const r = model.functions[0]!.role!;
  return { model, role: r, reach: roleReach(model, r).reaches };
}

/** The actions of `pattern` the evaluator lets the role do on `resource`, one question each. */
function evaluatorAllows({ model, role }: ReturnType<typeof reachOf>, pattern: string, resource: string): string[] {
  return expandActionPattern(pattern)
    .map((a) => a.name)
    .filter((action) => ["allowed", "conditional"].includes(canRole(model, role, { action, resource }).decision))
    .sort();
}

describe("the reach shortcut per action", () => {
  it("keeps the actions a role's Deny does not name and refuses the one it does, naming the Deny", () => {
    const r = reachOf({ p: doc({ Effect: "Allow", Action: "s3:*", Resource: BUCKET }, { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }) });
    expect(r.reach).toHaveLength(1);
    const [reach] = r.reach;
    expect(reach!.actions).not.toContain("s3:DeleteBucket");
    expect(reach!.actions).toContain("s3:PutBucketPolicy");
    // The evaluator does not ask whether IAM authorises an action on the bucket at all; the reach list does.
    expect(reach!.actions).toEqual(evaluatorAllows(r, "s3:*", BUCKET).filter((a) => mayBeAuthorisedOn(a, BUCKET)));
    expect(reach).toMatchObject({ partiallyDenied: true, deniedBy: ["p#NoDelete"], conditional: false });
  });

  it("refuses what an SCP denies, naming the SCP statement and where it is attached, and keeps the rest", () => {
    const r = reachOf({ p: doc({ Effect: "Allow", Action: ["s3:*", "dynamodb:DeleteTable", "dynamodb:GetItem"], Resource: "*" }) }, [FULL_AWS_ACCESS, PROTECT]);
    const s3 = r.reach.find((x) => x.service === "s3")!;
    const dynamodb = r.reach.find((x) => x.service === "dynamodb")!;
    expect(s3.actions).not.toContain("s3:DeleteBucket");
    expect(s3.actions).toEqual(evaluatorAllows(r, "s3:*", "*"));
    expect(dynamodb.actions).toEqual(["dynamodb:GetItem"]);
    expect(s3.deniedBy).toEqual([`SCP ProtectProductionData#DenyDataStoreDeletion (attached to ${OU})`]);
    expect(dynamodb.deniedBy).toEqual([`SCP ProtectProductionData#DenyDataStoreDeletion (attached to ${OU})`]);
  });

  it("refuses what an SCP denies on a level whose list was cut short (a later page failed), and keeps the rest", () => {
    // The OU's list as far as read: the Deny; FullAWSAccess was on the page not read.
    const b = newBuilder();
    const org = b.organization({ ous: [OU], scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: [FULL_AWS_ACCESS, PROTECT], [ACCOUNT]: [FULL_AWS_ACCESS] } });
    const scps = (org.ListPoliciesForTarget as Record<string, Record<string, { Policies: unknown[]; NextToken?: string }>>).SERVICE_CONTROL_POLICY!;
    scps[OU] = { Policies: scps[OU]!.Policies.slice(1), NextToken: "page-2" };
    const role = b.role({ name: "r", inline: { p: doc({ Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" }) } as never });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const r = { model, role: model.functions[0]!.role!, reach: roleReach(model, model.functions[0]!.role!).reaches };
    const s3 = r.reach.find((x) => x.service === "s3")!;
    expect(s3.actions).not.toContain("s3:DeleteBucket");
    expect(s3.actions).toContain("s3:GetObject");
    expect(s3.actions).toEqual(evaluatorAllows(r, "s3:*", "*"));
    expect(s3.deniedBy).toEqual([`SCP ProtectProductionData#DenyDataStoreDeletion (attached to ${OU})`]);
    expect(r.reach.find((x) => x.service === "sqs")?.actions).toEqual(["sqs:SendMessage"]);
  });

  it("refuses everything an SCP's NotAction Deny leaves out of its exception", () => {
    const onlyReads = scp("p-reads001", "ReadsOnly", { Sid: "NothingButReads", Effect: "Deny", NotAction: ["s3:Get*", "s3:List*"], Resource: "*" });
    const r = reachOf({ p: doc({ Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" }) }, [FULL_AWS_ACCESS, onlyReads]);
    expect(r.reach.map((x) => x.service)).toEqual(["s3"]);
    expect(r.reach[0]!.actions.every((a) => a.startsWith("s3:Get") || a.startsWith("s3:List"))).toBe(true);
    expect(r.reach[0]!.actions).toEqual(evaluatorAllows(r, "s3:*", "*"));
    expect(r.reach[0]!.deniedBy).toEqual([`SCP ReadsOnly#NothingButReads (attached to ${OU})`]);
  });

  it("refuses what a level whose SCP allows only a list of actions leaves out, though nothing denies it", () => {
    const list = scp("p-allowlst", "AllowList", { Sid: "These", Effect: "Allow", Action: ["s3:Get*", "sqs:*"], Resource: "*" });
    const r = reachOf({ p: doc({ Effect: "Allow", Action: ["s3:*", "sqs:SendMessage", "dynamodb:GetItem"], Resource: "*" }) }, [list]);
    expect(r.reach.map((x) => [x.service, x.actions.every((a) => a.startsWith("s3:Get") || a === "sqs:SendMessage")])).toEqual([
      ["s3", true],
      ["sqs", true],
    ]);
    expect(r.reach[0]!.actions).toEqual(evaluatorAllows(r, "s3:*", "*"));
  });

  it("refuses what a level allows only under a condition or on some resources, as the evaluator does", () => {
    const narrow = scp(
      "p-narrow01",
      "Narrow",
      { Sid: "InRegion", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
      { Sid: "OneQueue", Effect: "Allow", Action: "sqs:*", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` },
      { Sid: "Reads", Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" },
    );
    // dynamodb:GetItem first: the one question the statement's actions on `*` could share is answered for it.
    const r = reachOf({ p: doc({ Effect: "Allow", Action: ["dynamodb:GetItem", "s3:GetObject", "sqs:SendMessage"], Resource: "*" }) }, [narrow]);
    // On `*` the one queue's Allow does not apply: sqs:SendMessage is refused there; s3:GetObject depends on the caller's IP.
    expect(r.reach.map((x) => [x.service, x.actions, x.conditional])).toEqual([
      ["dynamodb", ["dynamodb:GetItem"], false],
      ["s3", ["s3:GetObject"], true],
    ]);
    expect(evaluatorAllows(r, "s3:GetObject", "*")).toEqual(["s3:GetObject"]);
    expect(evaluatorAllows(r, "sqs:SendMessage", "*")).toEqual([]);
  });

  it("leaves an action under a conditional Deny conditional, the others as they are", () => {
    const r = reachOf({
      p: doc(
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${BUCKET}/*` },
        { Sid: "TlsOnly", Effect: "Deny", Action: "s3:PutObject", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ),
    });
    expect(r.reach).toHaveLength(1);
    expect(r.reach[0]).toMatchObject({ actions: ["s3:GetObject", "s3:PutObject"], conditional: true });
    expect(canRole(r.model, r.role, { action: "s3:GetObject", resource: `${BUCKET}/*` }).decision).toBe("allowed");
    expect(canRole(r.model, r.role, { action: "s3:PutObject", resource: `${BUCKET}/*` }).decision).toBe("conditional");
  });

  it("asks one by one only the actions of the services an RCP limits, under a perimeter RCP denying every action", () => {
    const perimeter = scp("p-perim001", "Perimeter", {
      Sid: "OrgOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    });
    const key = vi.mocked(evaluatePolicies.actionMatchKey);
    key.mockClear();
    const r = reachOf(
      { p: doc({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "s3:GetObject", "sns:Publish"], Resource: "*" }) },
      [FULL_AWS_ACCESS],
      [RCP_FULL_AWS_ACCESS, perimeter],
    );
    // DynamoDB is one of them since February 2026 (lib/analysis/organization.ts); SNS is not.
    expect(new Set(key.mock.calls.map(([, action]) => action))).toEqual(new Set(["dynamodb:GetItem", "dynamodb:PutItem", "s3:GetObject"]));
    // The role is the organization's own (aws:PrincipalOrgID), so the perimeter refuses nothing.
    expect(r.reach.map((x) => [x.service, x.actions, x.conditional])).toEqual([
      ["dynamodb", ["dynamodb:GetItem", "dynamodb:PutItem"], false],
      ["s3", ["s3:GetObject"], false],
      ["sns", ["sns:Publish"], false],
    ]);
  });

  it("asks one by one only the actions a Deny may cover, whether the role's or an SCP's", () => {
    const key = vi.mocked(evaluatePolicies.actionMatchKey);
    key.mockClear();
    reachOf({ p: doc({ Effect: "Allow", Action: "s3:*", Resource: BUCKET }, { Effect: "Deny", Action: "s3:PutBucketPolicy", Resource: "*" }) }, [FULL_AWS_ACCESS, PROTECT]);
    expect(new Set(key.mock.calls.map(([, action]) => action))).toEqual(new Set(["s3:DeleteBucket", "s3:PutBucketPolicy"]));
  });
});
