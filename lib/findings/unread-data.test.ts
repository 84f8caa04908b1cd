/**
 * "Unknown, never fine": data the snapshot lacks (a failed call, a malformed or missing document, a missing role
 * field) never yields a clean verdict. Each case is one way a gap used to pass as "fine" (or as a definite answer).
 */
import { describe, expect, it } from "vitest";
import { analyzeModel } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { canRole } from "@/lib/analysis/role-access";
import { ask } from "@/lib/analysis/what-if";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, deny, policy, RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { invokerGapOf, reachGaps } from "@/lib/view/function-gaps";
import { builder, REGION, type SnapshotPatch } from "./test-support";

type B = ReturnType<typeof builder>;

function analyse(b: B, patch?: SnapshotPatch) {
  const input: SnapshotInput = b.build();
  patch?.(input);
  const model = buildAccountModel(parseSnapshot(JSON.stringify(input)));
  return { model, report: analyzeModel(model) };
}

const rulesOf = (r: ReturnType<typeof analyse>["report"], fnArn?: string) =>
  r.findings.filter((f) => !fnArn || f.function === fnArn).map((f) => `${f.severity} ${f.rule}`).sort();

const LOGS = policy(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "*"));

describe("unread data is unknown, never fine", () => {
  it("an unreadable boundary does not hide what the readable policies grant: admin and escalation are 'may' findings", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { all: policy(allow("*", "*")) }, boundary: b.policyArn("gone-boundary") });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { report } = analyse(b);
    const titles = report.findings.filter((f) => f.function === fn || f.functions.includes(fn)).map((f) => f.title);
    expect(titles).toContainEqual(expect.stringMatching(/^Role r may have full admin access/));
    expect(titles).toContainEqual(expect.stringMatching(/^Role r may escalate privileges/));
    expect(rulesOf(report, fn)).toContain("info data-unavailable");
  });

  it("an unreadable identity policy makes an allowed answer conditional (it may hold a Deny), with the lean recorded", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS, broken: new RawDocument('{"Statement":[') } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { model } = analyse(b);
    const r = model.roles.get(role)!;
    const allowed = canRole(model, r, { action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:123456789012:log-group:x:*" });
    expect(allowed).toMatchObject({ decision: "conditional", unread: "may-deny" });
    expect(allowed.reasons.join(" ")).toContain("could not read inline policy broken");
    const denied = canRole(model, r, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(denied).toMatchObject({ decision: "conditional", unread: "may-allow" });
    // A readable explicit Deny stays final, and a role without unread documents answers as before.
    const clean = b.role({ name: "clean", inline: { logs: LOGS } });
    b.fn({ region: REGION, name: "g", runtime: "nodejs22.x", role: clean });
    const m2 = analyse(b).model;
    expect(canRole(m2, m2.roles.get(clean)!, { action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:123456789012:log-group:x:*" }).decision).toBe("allowed");
  });

  it("a met need stays met when only an unread document could refuse it: no 'may lack' noise, data-unavailable names the gap", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS }, managed: [b.policyArn("not-in-snapshot")] });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { report } = analyse(b);
    expect(rulesOf(report, fn)).toEqual(["info data-unavailable"]);
    const f = report.findings.find((x) => x.rule === "data-unavailable")!;
    expect(f.title).toBe("Missing data: managed policy not-in-snapshot of role r");
    expect(f.detail).toContain("logs-permission-missing");
    expect(f.detail).not.toContain("execution-role-trust"); // a policy document does not decide who may assume the role
  });

  it("a failed GetPolicy on one alias leaves the function's own public grant judged", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "pub", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    b.version(fn, "1"); // as a scan lists it: an alias's version missing from the list is a gap of its own
    const live = b.alias(fn, "live", "1");
    b.permission(fn, { sid: "open", principal: "*" });
    b.error({ region: REGION, operation: "GetPolicy", target: live, code: "ThrottlingException", message: "Rate exceeded" });
    const { report } = analyse(b);
    expect(rulesOf(report, fn)).toEqual(["critical public-invoke", "info data-unavailable"]);
    const gap = report.findings.find((x) => x.rule === "data-unavailable")!;
    expect(gap.detail).toContain(`The resource policy of ${live} could not be read`);
    expect(report.functions[0]?.unknown).toEqual([`GetPolicy: ThrottlingException (${live})`]);
  });

  it("the whole function's GetPolicy failing still skips its invoker rules", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "pub", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    b.permission(fn, { sid: "open", principal: "*" });
    b.error({ region: REGION, operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: "denied" });
    expect(rulesOf(analyse(b).report, fn)).toEqual(["info data-unavailable"]);
  });

  it("a Lambda destination whose policy could not be read: 'may lack', not 'lacks'; readable and absent policies still decide", () => {
    const build = (targetPolicy: "unread" | "none" | "grants") => {
      const b = builder();
      const role = b.role({ name: "src-role", inline: { logs: LOGS } });
      const src = b.fn({ region: REGION, name: "src", runtime: "nodejs22.x", role });
      const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "t", inline: { logs: LOGS } }) });
      b.eventInvokeConfig(src, { onFailure: target });
      if (targetPolicy === "unread") b.error({ region: REGION, operation: "GetPolicy", target, code: "AccessDeniedException", message: "denied" });
      if (targetPolicy === "grants") b.permission(target, { sid: "from-src", principal: role });
      return { b, src };
    };
    const titles = (p: "unread" | "none" | "grants") => {
      const { b, src } = build(p);
      return analyse(b).report.findings.filter((f) => f.function === src && f.rule === "async-target-permission-missing").map((f) => f.title);
    };
    expect(titles("unread")).toEqual([expect.stringMatching(/^On-failure destination may lack lambda:InvokeFunction/)]);
    expect(titles("none")).toEqual([expect.stringMatching(/^On-failure destination lacks lambda:InvokeFunction/)]);
    expect(titles("grants")).toEqual([]);
  });

  it("a same-account function in a region the snapshot did not list is unknown, in a listed region absent", () => {
    const b = builder({ regions: [REGION] });
    const role = b.role({ name: "src-role", inline: { logs: LOGS } });
    const src = b.fn({ region: REGION, name: "src", runtime: "nodejs22.x", role });
    const { model } = analyse(b);
    const r = model.roles.get(role)!;
    const fnModel = model.functionsByArn.get(src);
    const elsewhere = canRole(model, r, { action: "lambda:InvokeFunction", resource: "arn:aws:lambda:eu-west-1:123456789012:function:other" }, fnModel);
    expect(elsewhere).toMatchObject({ decision: "conditional", unread: "may-allow" });
    const here = canRole(model, r, { action: "lambda:InvokeFunction", resource: "arn:aws:lambda:us-east-1:123456789012:function:other" }, fnModel);
    expect(here.decision).toBe("implicitly-denied");
  });

  it("an alias URL without auth, after ListAliases failed, may be public (its policy was never read)", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    const live = b.alias(fn, "live", "1");
    b.url(live, { authType: "NONE" });
    b.error({ region: REGION, operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "denied" });
    const { report } = analyse(b);
    const url = report.findings.find((f) => f.rule === "function-url-public")!;
    expect(url).toMatchObject({ severity: "high" });
    expect(url.title).toMatch(/may be public: the policy of web:live could not be read/);
    // With the aliases listed and no policy on the alias, nobody is admitted yet: info, as before.
    const ok = builder();
    const fn2 = ok.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: ok.role({ name: "r", inline: { logs: LOGS } }) });
    ok.url(ok.alias(fn2, "live", "1"), { authType: "NONE" });
    expect(analyse(ok).report.findings.find((f) => f.rule === "function-url-public")).toMatchObject({ severity: "info" });
  });

  it("an unreadable or absent trust policy is reported, naming execution-role-trust", () => {
    const b = builder();
    const bad = b.role({ name: "bad-trust", trust: new RawDocument("{not json"), inline: { logs: LOGS } });
    const f1 = b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: bad });
    const absent = b.role({ name: "no-trust", inline: { logs: LOGS } });
    const f2 = b.fn({ region: REGION, name: "b", runtime: "nodejs22.x", role: absent });
    const { report } = analyse(b, (s) => {
      const r = s.iam!.GetAccountAuthorizationDetails!.RoleDetailList!.find((x) => x.RoleName === "no-trust")!;
      delete (r as { AssumeRolePolicyDocument?: unknown }).AssumeRolePolicyDocument;
    });
    for (const [fn, role] of [[f1, "bad-trust"], [f2, "no-trust"]] as const) {
      const gap = report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn)!;
      // The trust rule skips a role without a readable trust policy: it gave no verdict, and says so.
      expect(gap.title).toBe(`Missing data: trust policy of role ${role} (1 rule skipped)`);
      expect(gap.detail).toContain("These rules gave no verdict for it: execution-role-trust.");
      expect(report.functions.find((x) => x.arn === fn)?.unknown.join(" ")).toContain("could not read trust policy");
    }
  });

  it("a managed policy whose default version is not in the snapshot is unread, not replaced by an older version", () => {
    const b = builder();
    const app = b.managedPolicy({ name: "app", document: LOGS });
    const role = b.role({ name: "r", managed: [app] });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { report } = analyse(b, (s) => {
      const p = s.iam!.GetAccountAuthorizationDetails!.Policies!.find((x) => x.PolicyName === "app")!;
      p.DefaultVersionId = "v3";
      for (const v of p.PolicyVersionList ?? []) {
        v.VersionId = "v2";
        v.IsDefaultVersion = false;
      }
    });
    expect(report.functions[0]?.unknown).toEqual(["GetAccountAuthorizationDetails: could not read managed policy app: no default policy version in the snapshot"]);
    expect(rulesOf(report, fn)).toContain("info data-unavailable");
  });

  it("a function listed without a Role is missing data: rules skipped, reported, never clean", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "norole", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    const { report } = analyse(b, (s) => {
      for (const f of s.regions![REGION]!.ListFunctions!.Functions!) delete (f as { Role?: string }).Role;
    });
    expect(rulesOf(report, fn)).toEqual(["info data-unavailable"]);
    const gap = report.findings[0]!;
    expect(gap.title).toMatch(/^Missing data: the execution role \(the function's configuration names none\) \(\d+ rules skipped\)$/);
    expect(gap.remediation).not.toContain("iam:GetAccountAuthorizationDetails");
    expect(report.functions[0]?.unknown).toEqual(["ListFunctions: the function's configuration names no execution role"]);
  });
});

describe("incomplete snapshot files are unknown, not empty", () => {
  it("IAM data with more pages (IsTruncated/Marker) or without its role list: absent roles are unknown, not deleted", () => {
    for (const patch of [
      (s: SnapshotInput) => Object.assign(s.iam!.GetAccountAuthorizationDetails!, { IsTruncated: true, Marker: "page-2" }),
      (s: SnapshotInput) => delete (s.iam!.GetAccountAuthorizationDetails as { RoleDetailList?: unknown }).RoleDetailList,
    ]) {
      const b = builder();
      b.role({ name: "present", inline: { logs: LOGS } });
      const fn = b.fn({ region: REGION, name: "late", runtime: "nodejs22.x", role: b.roleArn("on-a-later-page") });
      const { report } = analyse(b, patch);
      expect(rulesOf(report, fn)).toEqual(["info data-unavailable"]);
    }
    // Whole IAM data without the role: deleted, as before.
    const b = builder();
    const fn = b.fn({ region: REGION, name: "late", runtime: "nodejs22.x", role: b.roleArn("deleted") });
    expect(rulesOf(analyse(b).report, fn)).toEqual(["high execution-role-missing"]);
  });

  it("truncated IAM data leaves every invoker list incomplete, even where the function's role was read: roles on later pages may invoke through their own policies", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "one", runtime: "nodejs22.x", role: b.role({ name: "present", inline: { logs: LOGS } }) });
    const { report } = analyse(b, (s) => Object.assign(s.iam!.GetAccountAuthorizationDetails!, { IsTruncated: true, Marker: "p2" }));
    const [one] = report.functions;
    expect(invokerGapOf(one!)).toMatchObject({ state: "unknown" });
    // What its own role reaches was read in full.
    expect(reachGaps(one!.unknown)).toEqual([]);
    expect(rulesOf(report, fn)).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "data-unavailable").map((f) => [f.title, f.functions])).toEqual([
      ["Not every IAM role is in the snapshot (the role list was truncated)", []],
    ]);
  });

  it("a us-east-1 function whose role trusts Lambda@Edge may be invoked by CloudFront, whose associations are not read", () => {
    const b = builder();
    const edgeTrust = policy({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" } as never);
    b.fn({ region: "us-east-1", name: "edge", runtime: "nodejs22.x", role: b.role({ name: "edge-role", inline: { logs: LOGS }, trust: edgeTrust }) });
    b.fn({ region: "eu-west-1", name: "eu", runtime: "nodejs22.x", role: b.role({ name: "eu-role", inline: { logs: LOGS }, trust: edgeTrust }) });
    b.fn({ region: "us-east-1", name: "plain", runtime: "nodejs22.x", role: b.role({ name: "plain-role", inline: { logs: LOGS } }) });
    const { report } = analyse(b);
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    expect(invokerGapOf(byName.get("edge")!)).toMatchObject({ state: "unknown", why: expect.stringContaining("Lambda@Edge associations are not in the snapshot") });
    // Lambda@Edge functions live in us-east-1 only; a role that trusts Lambda alone cannot run at the edge.
    expect(invokerGapOf(byName.get("eu")!)).toBeUndefined();
    expect(invokerGapOf(byName.get("plain")!)).toBeUndefined();
    // What its role reaches was read in full, and no rule's data is missing.
    expect(reachGaps(byName.get("edge")!.unknown)).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "data-unavailable")).toEqual([]);
  });

  it("a truncated function or mapping list is reported and its rules skipped; it is not a failed call", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "one", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    b.permission(fn, { sid: "open", principal: "*" });
    const { report } = analyse(b, (s) => {
      Object.assign(s.regions![REGION]!.ListFunctions!, { NextMarker: "fn-page-2" });
      Object.assign(s.regions![REGION]!.ListEventSourceMappings!, { NextMarker: "esm-page-2" });
    });
    expect(report.findings.map((f) => f.title)).toContain(`Not every function in ${REGION} is in the snapshot (the list was truncated)`);
    expect(report.functions[0]?.unknown).toEqual(["ListEventSourceMappings: IncompleteSnapshot"]);
    expect(rulesOf(report, fn)).toEqual(["critical public-invoke", "info data-unavailable"]);
    expect(report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn)?.remediation).toContain("export every page");
    expect(report.errors).toEqual([]); // the dashboard counts these as failed API calls
  });

  it("a region map left out means none (snapshot.md: no entry and no error), not unknown", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "one", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    const { report } = analyse(b, (s) => {
      delete s.regions![REGION]!.ListAliases;
      delete s.regions![REGION]!.GetFunctionEventInvokeConfig;
    });
    expect(rulesOf(report, fn)).toEqual([]);
  });

  it("truncated IAM data: the fix says to export every page, not to grant a permission", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "late", runtime: "nodejs22.x", role: b.roleArn("on-a-later-page") });
    const { report } = analyse(b, (s) => Object.assign(s.iam!.GetAccountAuthorizationDetails!, { IsTruncated: true, Marker: "p2" }));
    const fix = report.findings.find((f) => f.function === fn)!.remediation;
    expect(fix).toContain("export every page");
    expect(fix).not.toContain("Allow iam:GetAccountAuthorizationDetails");
  });
});

describe("per-role IAM reads another scanner records (GetRole, GetRolePolicy, ListAttachedRolePolicies)", () => {
  const refused = (operation: string, target: string) => ({ operation, target, code: "AccessDenied", message: `not authorized to perform: iam:${operation}` });

  it("a role left out after GetRole was refused is unknown, not deleted: no execution-role-missing, the gap is named", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.roleArn("unread") });
    const { report } = analyse(b, (s) => s.errors!.push(refused("GetRole", b.roleArn("unread"))));
    expect(rulesOf(report, fn)).toEqual(["info data-unavailable"]);
    const gap = report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn)!;
    expect(gap.title).toContain("GetRole (AccessDenied)");
    expect(report.functions[0]?.unknown).toContain(`GetRole: AccessDenied (${b.roleArn("unread")})`);
    // A role that could not be read may invoke any function through its own policies.
    const other = b.fn({ region: REGION, name: "g", runtime: "nodejs22.x", role: b.role({ name: "read", inline: { logs: LOGS } }) });
    const again = analyse(b, (s) => s.errors!.push(refused("GetRole", b.roleArn("unread"))));
    expect(invokerGapOf(again.report.functions.find((x) => x.arn === other)!)).toMatchObject({ state: "unknown" });
    expect(again.report.functions.find((x) => x.arn === other)!.unknown.join(" ")).toContain("lacks roles that could not be read");
    expect(again.report.findings.filter((f) => f.rule === "data-unavailable" && f.functions.length === 0).map((f) => f.title)).toEqual([
      "Not every IAM role is in the snapshot (some could not be read: AccessDenied)",
    ]);
  });

  it("a refused GetRole is the one reason its function's role is unknown: said once, not again as IAM data not in the snapshot", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.roleArn("unread") });
    const { report } = analyse(b, (s) => s.errors!.push(refused("GetRole", b.roleArn("unread"))));
    const unknown = report.functions[0]!.unknown;
    expect(unknown).toEqual([`GetRole: AccessDenied (${b.roleArn("unread")})`]);
    const gap = report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn)!;
    expect(gap.title).toMatch(/^Missing data: GetRole \(AccessDenied\) \(/);
    expect(gap.evidence.map((e) => e.description).join(" ")).not.toContain("not in the snapshot");
    // What the role reaches and who may invoke the function (the unread role may) are still unknown, by that line.
    expect(reachGaps(unknown)).toEqual(unknown);
    expect(invokerGapOf(report.functions[0]!)).toEqual({ state: "unknown", why: `could not be read: ${unknown[0]}` });
  });

  it("keeps the IAM line beside GetRole when IAM itself could not be read: a second reason", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.roleArn("unread") });
    const { report } = analyse(b, (s) => {
      delete s.iam;
      s.errors!.push(refused("GetRole", b.roleArn("unread")), { operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "denied" });
    });
    expect(report.functions[0]!.unknown).toEqual(["GetAccountAuthorizationDetails: AccessDenied", `GetRole: AccessDenied (${b.roleArn("unread")})`]);
  });

  it("a role whose policy reads were refused is not clean: its documents are unread, allowed answers conditional", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { model, report } = analyse(b, (s) => s.errors!.push(refused("ListAttachedRolePolicies", role), refused("GetRolePolicy", role)));
    expect(report.functions[0]?.unknown).toEqual([
      "GetAccountAuthorizationDetails: could not read attached managed policies: ListAttachedRolePolicies failed (AccessDenied)",
      "GetAccountAuthorizationDetails: could not read inline policies: GetRolePolicy failed (AccessDenied)",
    ]);
    expect(rulesOf(report, fn)).toContain("info data-unavailable");
    const denied = canRole(model, model.roles.get(role)!, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(denied.decision).toBe("conditional");
  });

  // The scan's per-role fallback (lib/aws/role-reads.ts) refused one read: every need the documents it could not fetch
  // might grant would otherwise read "may lack", for nearly every function of the account (every-call-fails.test.ts).
  const VPC = { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"], vpcId: "vpc-1" };
  const reads = (b: B, role: string) => ({
    GetRolePolicy: refused("GetRolePolicy", role),
    ListRolePolicies: refused("ListRolePolicies", role),
    ListAttachedRolePolicies: refused("ListAttachedRolePolicies", role),
    GetPolicy: refused("GetPolicy", b.policyArn("unfetched")),
    GetPolicyVersion: refused("GetPolicyVersion", b.policyArn("unfetched")),
  });
  it.each(["GetRolePolicy", "ListRolePolicies", "ListAttachedRolePolicies", "GetPolicy", "GetPolicyVersion"] as const)(
    "%s refused: no rule says 'may lack' what only the unfetched documents could grant; data-unavailable names the read",
    (operation) => {
      const b = builder();
      const managed = operation.startsWith("GetPolicy") ? { managed: [b.policyArn("unfetched")] } : {};
      const role = b.role({ name: "r", inline: { other: policy(allow("s3:GetObject", "arn:aws:s3:::b/*")) }, ...managed });
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role, vpc: VPC });
      const { report } = analyse(b, (s) => {
        if (managed.managed) s.iam!.GetAccountAuthorizationDetails.Policies = s.iam!.GetAccountAuthorizationDetails.Policies!.filter((p) => p.Arn !== b.policyArn("unfetched"));
        s.errors!.push(reads(b, role)[operation]);
      });
      expect(rulesOf(report, fn)).toEqual(["info data-unavailable"]);
      const gap = report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn)!;
      expect(JSON.stringify(gap)).toContain(operation);
      expect(gap.detail).toContain("logs-permission-missing");
    },
  );

  // The second's parse error quotes it, and so names a read ("GetPolicy failed ("): seen is a fact, not its wording.
  it.each(['{"Statement":[', "GetPolicy failed (x)"])("a document seen and found malformed (%s) still leaves 'may lack': the snapshot holds what there was to judge", (text) => {
    const b = builder();
    const role = b.role({ name: "r", inline: { broken: new RawDocument(text) } });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role, vpc: VPC });
    const titles = analyse(b).report.findings.filter((f) => f.function === fn).map((f) => f.title);
    expect(titles).toContainEqual(expect.stringMatching(/^VPC function may lack ec2:CreateNetworkInterface .*\(depends on inline policy broken, which could not be read\)$/));
  });
});

describe("what-if while the organization's SCPs could not be read", () => {
  it("an allowed answer says it assumes the unread SCPs permit it; a denied one needs no such note", () => {
    const b = builder();
    const org = b.organization({ ous: ["ou-a1b2-prod2222"] });
    delete org.ListPoliciesForTarget;
    b.error({ operation: "ListPoliciesForTarget", target: "r-a1b2", code: "AccessDeniedException", message: "denied" });
    const role = b.role({ name: "r", inline: { logs: LOGS, read: policy(allow("s3:GetObject", "*")) } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { model } = analyse(b);
    const allowed = ask(model, { principal: "f", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(allowed.decision).toBe("allowed");
    expect(allowed.reasons).toContain("the organization's SCPs and RCPs could not be read: \"allowed\" assumes they permit it");
    const denied = ask(model, { principal: "f", action: "s3:PutObject", resource: "arn:aws:s3:::b/k" });
    expect(denied.decision).toBe("implicitly-denied");
    expect(denied.reasons.join(" ")).not.toContain("SCPs");
  });
});

describe("what-if while a level's SCP list was read only in part (a later page failed)", () => {
  it("a Deny read there refuses for certain; an allowed answer says it assumes the unread SCPs permit it", () => {
    const b = builder();
    const ou = "ou-a1b2-prod2222";
    const denyDeletes = { id: "p-denydel1", name: "DenyDeletes", document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:Delete*", Resource: "*" }] } };
    const org = b.organization({ ous: [ou], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ou]: [FULL_AWS_ACCESS, denyDeletes], "123456789012": [FULL_AWS_ACCESS] } });
    const scps = (org.ListPoliciesForTarget as Record<string, Record<string, { Policies: unknown[]; NextToken?: string }>>).SERVICE_CONTROL_POLICY!;
    // The page with FullAWSAccess failed after the one with the Deny.
    scps[ou] = { Policies: scps[ou]!.Policies.slice(1), NextToken: "page-2" };
    b.error({ operation: "ListPoliciesForTarget", target: ou, code: "TooManyRequestsException", message: "Rate exceeded" });
    const role = b.role({ name: "r", inline: { logs: LOGS, s3: policy(allow("s3:*", "*")) } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const { model, report } = analyse(b);
    const denied = ask(model, { principal: "f", action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k" });
    expect(denied.decision).toBe("explicitly-denied");
    expect(denied.statements.map((s) => s.policy)).toContain("DenyDeletes");
    const allowed = ask(model, { principal: "f", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(allowed.decision).toBe("allowed");
    expect(allowed.reasons).toContain('the organization\'s SCPs could not all be read: "allowed" assumes the unread ones permit it');
    const gap = report.findings.find((f) => f.id === "data-unavailable:account#Organizations");
    expect(gap?.title).toBe('The organization\'s SCPs could not all be read: every "allowed" assumes the unread ones permit it');
    expect(gap?.detail).toContain(`not every SCP attached to ${ou} is known: only the first pages of ListPoliciesForTarget for ${ou} were read, ListPoliciesForTarget ${ou} failed (TooManyRequestsException: Rate exceeded)`);
    expect(gap?.detail).toContain('every "allowed" in this report assumes its unread SCPs permit it. The SCPs that were read are applied: a Deny among them refuses.');
    expect(report.organization).toMatchObject({ state: "applied", scps: 2, unread: ["scp"], unreadInPart: true });
  });
});

describe("the graph does not draw a gap as 'reaches nothing'", () => {
  it("labels roles whose documents are partly or wholly unread", () => {
    const b = builder();
    const partly = b.role({ name: "partly", inline: { logs: LOGS }, managed: [b.policyArn("gone")] });
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: partly });
    const clean = b.role({ name: "clean", inline: { logs: LOGS } });
    b.fn({ region: REGION, name: "b", runtime: "nodejs22.x", role: clean });
    const labels = (r: ReturnType<typeof analyse>["report"]) => r.graph.nodes.filter((n) => n.kind === "role").map((n) => n.label).sort();
    expect(labels(analyse(b).report)).toEqual(["clean", "partly (partly unread)"]);
    b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "denied" });
    expect(labels(analyse(b, (s) => delete s.iam).report)).toEqual(["clean (unread)", "partly (unread)"]);
  });
});

describe("published versions", () => {
  it("a grant on a version's own policy is an invoker of that version; versions that could not be listed are a named gap", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    b.version(fn, "4");
    b.permission(fn, { sid: "pilot", principal: "210987654321", qualifier: "4" });
    const { report } = analyse(b);
    expect(report.functions[0]?.invokers.map((i) => i.qualifier)).toEqual([`${fn}:4`]);
    expect(report.findings.filter((f) => f.function === fn).map((f) => f.title)).toEqual(["Account 210987654321 can invoke quote:4"]);

    const failed = builder();
    const src = failed.fn({ region: REGION, name: "src", runtime: "nodejs22.x", role: failed.role({ name: "s", inline: { logs: LOGS } }) });
    const target = failed.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role: failed.role({ name: "r", inline: { logs: LOGS } }) });
    failed.eventInvokeConfig(src, { onSuccess: `${target}:4` });
    failed.error({ region: REGION, operation: "ListVersionsByFunction", target, code: "AccessDeniedException", message: "denied" });
    const r2 = analyse(failed).report;
    expect(r2.findings.find((f) => f.function === target && f.rule === "data-unavailable")?.detail).toContain("Published versions were not listed");
    expect(r2.findings.find((f) => f.function === target && f.rule === "data-unavailable")?.detail).toContain("nor mappings and destinations on its versions");
    // The destination version's policy was never read: "may lack", not "lacks".
    expect(r2.findings.find((f) => f.function === src && f.rule === "async-target-permission-missing")?.title).toMatch(/may lack lambda:InvokeFunction/);
  });
});

describe("a version the snapshot refers to but its version list lacks", () => {
  it("is named in the function's unknown list with what runs it: its role and resource policy are unknown", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    b.alias(fn, "live", "3", undefined, { "9": 0.1 });
    b.alias(fn, "beta", "9");
    b.esm({ functionArn: `${fn}:12`, sourceArn: b.arn("sqs", REGION, "jobs"), uuid: "11111111-2222-3333-4444-555555555555" });
    const { report } = analyse(b);
    expect(report.functions[0]?.unknown).toEqual([
      "ListVersionsByFunction: version 9 (alias live, alias beta) is not in the result: its role and resource policy are unknown",
      "ListVersionsByFunction: version 12 (event source mapping 11111111-2222-3333-4444-555555555555) is not in the result: its role and resource policy are unknown",
    ]);
  });

  it("the function's data-unavailable names each such version as a version, from the version list, in the plural for two", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    b.alias(fn, "live", "3", undefined, { "9": 0.1 });
    b.esm({ functionArn: `${fn}:12`, sourceArn: b.arn("sqs", REGION, "jobs"), uuid: "11111111-2222-3333-4444-555555555555" });
    const gap = analyse(b).report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.title).toBe("Missing data: version 9 (its list lacks it), version 12 (its list lacks it)");
    expect(gap?.detail).toContain(
      "Version 9 (alias live); Version 12 (event source mapping 11111111-2222-3333-4444-555555555555) are not in the snapshot's list: the version and role they run are unknown, so their mappings",
    );
    expect(gap?.evidence.map((e) => e.source)).toEqual([
      expect.objectContaining({ operation: "ListVersionsByFunction" }),
      expect.objectContaining({ operation: "ListVersionsByFunction" }),
    ]);
  });

  it("names nothing when the version is listed, when nothing refers to a missing one, or when the snapshot holds no version data", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    b.alias(fn, "live", "3");
    expect(analyse(b).report.functions[0]?.unknown).toEqual([]);
    b.alias(fn, "beta", "9");
    const noVersionData: SnapshotPatch = (input) => {
      for (const data of Object.values(input.regions ?? {})) delete (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    };
    expect(analyse(b, noVersionData).report.functions[0]?.unknown).toEqual([]);
  });
});

describe("an alias the snapshot refers to but ListAliases' result lacks", () => {
  const UUID = "11111111-2222-3333-4444-555555555555";
  /** The aliases were listed (stable only) while a mapping and async settings are on live. */
  function quote(configure?: (b: B, fn: string) => void) {
    const b = builder();
    const queue = b.arn("sqs", REGION, "jobs");
    const role = b.role({ name: "r", inline: { logs: LOGS, sqs: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queue)) } });
    const fn = b.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    b.alias(fn, "stable", "3");
    b.esm({ functionArn: `${fn}:live`, sourceArn: queue, uuid: UUID });
    b.queueEncryption(queue, { sseSqs: true }); // read, as a current scan reads it: only the alias is a gap here
    b.eventInvokeConfig(`${fn}:live`, { onFailure: b.arn("sns", REGION, "failures") });
    b.topicPolicy(b.arn("sns", REGION, "failures"), null); // the topic too (unencrypted, no policy)
    configure?.(b, fn);
    return { b, fn, role };
  }

  it("is named in the function's unknown list with what runs it: the version it routes to, its role and resource policy are unknown", () => {
    expect(analyse(quote().b).report.functions[0]?.unknown).toEqual([
      `ListAliases: alias live (event source mapping ${UUID}, async settings) is not in the result: the version it routes to, its role and resource policy are unknown`,
    ]);
    // A policy on it another tool read is known: only the version and the role are not.
    const withPolicy = quote((b, fn) => b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", qualifier: "live" }));
    expect(analyse(withPolicy.b).report.functions[0]?.unknown).toEqual([
      `ListAliases: alias live (event source mapping ${UUID}, async settings, resource policy) is not in the result: the version it routes to and its role are unknown`,
    ]);
  });

  it("is named when only a resource policy is on it: the alias exists, its version and role are unknown", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "quote", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    b.alias(fn, "stable", "3");
    b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", qualifier: "live" });
    expect(analyse(b).report.functions[0]?.unknown).toEqual([
      "ListAliases: alias live (resource policy) is not in the result: the version it routes to and its role are unknown",
    ]);
  });

  it("its mapping and destination are not judged with the current role, and the function's data-unavailable says so", () => {
    const { report } = analyse(quote().b);
    expect(report.findings.filter((f) => f.rule === "event-source-missing-permissions" || f.rule === "async-target-permission-missing")).toEqual([]);
    // So SARIF and --fail-on see the gap too, not only the function's unknown list.
    const gap = report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.title).toBe("Missing data: alias live (its list lacks it)");
    expect(gap?.detail).toContain("Alias live (event source mapping " + UUID + ", async settings) is not in the snapshot's list: the version and role it runs are unknown");
    expect(gap?.evidence.map((e) => e.description)).toEqual([
      `ListAliases for ${report.functions[0]!.arn} is only partly in the snapshot: alias live (event source mapping ${UUID}, async settings) is not in the result`,
    ]);
    expect(gap?.remediation).toContain("Scan again: an alias or version its list lacks");
    expect(report.problems.map((p) => p.why)).toEqual([
      "quote:live runs alias live, whose version and role are unknown (the snapshot's list of its aliases does not hold it): not judged",
      "quote:live runs alias live, whose version and role are unknown (the snapshot's list of its aliases does not hold it): not judged",
    ]);
  });

  it("a URL on it (the URL list holds the aliases' URLs): its policy was never read, so the URL may be public, and the alias is named", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    b.version(fn, "1");
    b.alias(fn, "stable", "1");
    b.url(`${fn}:live`, { authType: "NONE" });
    const { report } = analyse(b);
    const url = report.findings.find((f) => f.rule === "function-url-public")!;
    expect(url).toMatchObject({ severity: "high" });
    expect(url.title).toMatch(/may be public: the policy of web:live could not be read/);
    expect(report.functions[0]?.unknown).toEqual([
      "ListAliases: alias live (function URL) is not in the result: the version it routes to, its role and resource policy are unknown",
    ]);
  });

  it("names nothing when ListAliases failed (a gap of its own, named by the call) or the alias is listed", () => {
    const failed = quote((b, fn) => b.error({ region: REGION, operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "denied" }));
    expect(analyse(failed.b).report.functions[0]?.unknown).toEqual(["ListAliases: AccessDeniedException"]);
    const listed = quote((b, fn) => b.alias(fn, "live", "3"));
    expect(analyse(listed.b).report.functions[0]?.unknown).toEqual([]);
  });
});

describe("aliases and versions run as the role they were published with", () => {
  const SQS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];
  function account(oldRoleCanPoll: boolean, currentCanPoll: boolean) {
    const b = builder();
    const queue = b.arn("sqs", REGION, "orders");
    const grant = (can: boolean) => ({ logs: LOGS, ...(can ? { sqs: policy(allow(SQS, queue)) } : {}) });
    const old = b.role({ name: "old-role", inline: grant(oldRoleCanPoll) });
    const current = b.role({ name: "current-role", inline: grant(currentCanPoll) });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: current });
    b.version(fn, "3", old);
    const live = b.alias(fn, "live", "3");
    b.esm({ functionArn: live, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
    return { b, fn, live, old };
  }
  const pollFindings = (b: B) => analyse(b).report.findings.filter((f) => f.rule === "event-source-missing-permissions");

  it("a mapping on an alias is judged with its version's role, not the function's current one", () => {
    expect(pollFindings(account(true, false).b)).toEqual([]);
    const [f] = pollFindings(account(false, true).b);
    expect(f?.title).toBe("SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes");
    expect(f?.detail).toContain("the execution role of orders:live, old-role");
    expect(f?.remediation).toContain("old-role");
  });

  it("the graph draws the alias executing as that role", () => {
    const { b, live, old } = account(true, false);
    const { report } = analyse(b);
    const exec = report.graph.edges.filter((e) => e.kind === "executes-as").map((e) => `${e.source} -> ${e.target}`);
    expect(exec).toContain(`fn:${live} -> role:${old}`);
    expect(report.graph.nodes.find((n) => n.id === `role:${old}`)?.label).toBe("old-role");
  });
});

describe("what-if on an alias", () => {
  it("asks as the role the alias's version was published with", async () => {
    const { resolvePrincipal } = await import("@/lib/analysis/what-if");
    const b = builder();
    const old = b.role({ name: "old-role", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "current-role", inline: { logs: LOGS } }) });
    b.version(fn, "3", old);
    const live = b.alias(fn, "live", "3");
    const { model } = analyse(b);
    expect(resolvePrincipal(model, live).runsAs[0]?.role?.arn).toBe(old);
    expect(resolvePrincipal(model, fn).runsAs[0]?.role?.name).toBe("current-role");
    expect(resolvePrincipal(model, "orders").runsAs[0]?.role?.name).toBe("current-role");
  });
});


describe("review of the unread-data changes", () => {
  it("an unread identity policy does not weaken a readable admin grant (only a Deny there could change it)", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { all: policy(allow("*", "*")) }, managed: [b.policyArn("gone")] });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const titles = analyse(b).report.findings.filter((f) => f.functions.includes(fn)).map((f) => `${f.severity} ${f.title}`);
    expect(titles).toContainEqual(expect.stringMatching(/^critical Role r has full admin access/));
    expect(titles.some((t) => t.includes("may escalate"))).toBe(false);
  });

  it("needs with alternatives and several resources are picked on the readable lean", () => {
    const b = builder();
    // Readable: CreateNetworkInterface on network interfaces only, not on the subnet and security group.
    const role = b.role({
      name: "r",
      inline: {
        logs: LOGS,
        eni: policy(allow(["ec2:CreateNetworkInterface"], "arn:aws:ec2:*:*:network-interface/*"), allow(["ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"], "*")),
      },
      managed: [b.policyArn("gone")],
    });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role, vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"], vpcId: "vpc-1" } });
    const vpc = analyse(b).report.findings.filter((f) => f.function === fn && f.rule === "vpc-permission-missing");
    expect(vpc.map((f) => f.title)).toEqual([expect.stringMatching(/ec2:CreateNetworkInterface/)]);
  });

  it("a failed version policy read is not said to affect a URL (versions have none)", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "q", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { logs: LOGS } }) });
    const v4 = b.version(fn, "4");
    b.error({ region: REGION, operation: "GetPolicy", target: v4, code: "ThrottlingException", message: "Rate exceeded" });
    const gap = analyse(b).report.findings.find((f) => f.rule === "data-unavailable")!;
    expect(gap.detail).toContain(`The resource policy of ${v4} could not be read: grants on it were not judged.`);
    expect(gap.detail).not.toContain("URL");
  });
});

describe("a target's resource policy read with GetResourcePolicy", () => {
  it("a failure is as unknown as a failed GetPolicy", () => {
    const b = builder();
    const role = b.role({ name: "src-role", inline: { logs: LOGS } });
    const src = b.fn({ region: REGION, name: "src", runtime: "nodejs22.x", role });
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "t", inline: { logs: LOGS } }) });
    b.error({ region: REGION, operation: "GetResourcePolicy", target, code: "AccessDeniedException", message: "denied" });
    const { model } = analyse(b);
    const answer = canRole(model, model.roles.get(role)!, { action: "lambda:InvokeFunction", resource: target }, model.functionsByArn.get(src));
    expect(answer).toMatchObject({ decision: "conditional", unread: "may-allow" });
  });
});

describe("a weighted alias runs two versions", () => {
  it("a mapping on it needs each version's role; the one that lacks is named, and the graph draws both", () => {
    const SQS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];
    const b = builder();
    const queue = b.arn("sqs", REGION, "orders");
    const able = b.role({ name: "able-role", inline: { logs: LOGS, sqs: policy(allow(SQS, queue)) } });
    const unable = b.role({ name: "unable-role", inline: { logs: LOGS } });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: able });
    b.version(fn, "3", able);
    b.version(fn, "4", unable);
    const live = b.alias(fn, "live", "3");
    b.esm({ functionArn: live, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
    const { report } = analyse(b, (s) => {
      const alias = s.regions![REGION]!.ListAliases![fn]!.Aliases![0] as Record<string, unknown>;
      alias.RoutingConfig = { AdditionalVersionWeights: { "4": 0.1 } }; // canary: 10 % to version 4
    });
    const poll = report.findings.filter((f) => f.rule === "event-source-missing-permissions");
    expect(poll).toHaveLength(1);
    expect(poll[0]?.detail).toContain("unable-role");
    expect(poll[0]?.remediation).toContain("unable-role");
    const exec = report.graph.edges.filter((e) => e.kind === "executes-as" && e.source === `fn:${live}`).map((e) => e.target).sort();
    expect(exec).toEqual([`role:${able}`, `role:${unable}`]);
  });
});

describe("a needs rule whose role has an unread identity policy", () => {
  // The readable policies grant none of the needs; the unread managed policy "gone" might. Each rule's finding must
  // then say "may lack" everywhere (title, detail, evidence), one step softer than its "lacks", name the policy it
  // depends on, and data-unavailable must name the gap.
  const cases: { rule: string; lacks: string; mayLack: string; setUp: (b: B, fn: string) => void; fn?: Partial<Parameters<B["fn"]>[0]> }[] = [
    { rule: "logs-permission-missing", lacks: "medium", mayLack: "low", setUp: () => {} },
    { rule: "vpc-permission-missing", lacks: "high", mayLack: "medium", setUp: () => {}, fn: { vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"], vpcId: "vpc-1" } } },
    { rule: "tracing-permission-missing", lacks: "low", mayLack: "info", setUp: () => {}, fn: { tracing: "Active" } },
    { rule: "async-target-permission-missing", lacks: "medium", mayLack: "low", setUp: () => {}, fn: { dlq: "arn:aws:sqs:us-east-1:123456789012:dlq" } },
    {
      rule: "event-source-missing-permissions",
      lacks: "high",
      mayLack: "medium",
      setUp: (b, fn) => void b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555" }),
    },
  ];

  it.each(cases)("$rule: 'may lack … (depends on managed policy gone, which could not be read)', one step softer, as its evidence says", (c) => {
    const build = (unread: boolean) => {
      const b = builder();
      const role = b.role({ name: "r", inline: { other: policy(allow("s3:GetObject", "arn:aws:s3:::b/*")) }, ...(unread ? { managed: [b.policyArn("gone")] } : {}) });
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role, ...c.fn });
      c.setUp(b, fn);
      return analyse(b).report.findings.filter((f) => f.function === fn);
    };
    // Without the unread policy the rule says "lacks" at its own severity: the case is one the rule judges.
    const known = build(false).find((f) => f.rule === c.rule)!;
    expect(known.title).toMatch(/ lacks /);
    expect(known.severity).toBe(c.lacks);

    const findings = build(true);
    const f = findings.find((x) => x.rule === c.rule)!;
    expect(f.title).toMatch(/ may lack /);
    expect(f.title).not.toMatch(/ lacks /);
    expect(f.title).toContain("(depends on managed policy gone, which could not be read)");
    expect(f.severity).toBe(c.mayLack);
    expect(f.detail).toContain("may not be allowed (it depends on managed policy gone, which could not be read)");
    expect(f.detail).not.toContain("is not allowed");
    expect(f.detail).toContain("If the role lacks them: ");
    expect(f.remediation).toContain("First check managed policy gone: the snapshot could not read it, and it may grant these already.");
    const missing = f.evidence.filter((e) => e.kind === "missing-action");
    expect(missing.length).toBeGreaterThan(0);
    for (const e of missing) expect(e.description).toContain("may not be able to perform");
    expect(findings.find((x) => x.rule === "data-unavailable")?.title).toBe("Missing data: managed policy gone of role r");
  });

  it("a readable explicit Deny still decides: 'lacks', whatever the unread policy holds", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: LOGS, no: policy(deny("ec2:*", "*")) }, managed: [b.policyArn("gone")] });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role, vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"], vpcId: "vpc-1" } });
    const f = analyse(b).report.findings.find((x) => x.function === fn && x.rule === "vpc-permission-missing")!;
    expect(f.title).toBe("VPC function lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface");
    expect(f.severity).toBe("high");
  });
});
