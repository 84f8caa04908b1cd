import { describe, expect, it } from "vitest";
import { policy, RawDocument, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { analyzeModel, analyzeSnapshot } from "./analyze";
import { buildAccountModel } from "./account-model";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { runAsChoices } from "@/lib/view/run-as";

const lambdaTrust = serviceTrust();
const logs = policy({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" });

describe("buildAccountModel", () => {
  it.each(["url", "json", "object"] as const)("reads IAM documents encoded as %s", (encoding) => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { logs }, trust: lambdaTrust, encoding });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const m = modelOf(b);
    expect(m.problems).toEqual([]);
    expect(m.functions[0]?.role?.identity[0]?.statements[0]?.action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(m.functions[0]?.role?.trust?.statements[0]?.principal?.service).toEqual(["lambda.amazonaws.com"]);
  });

  it("names an emulator leaves empty are taken from the ARN (or the policy's place), as missing ones are", () => {
    const b = newBuilder();
    const managed = b.managedPolicy({ name: "shared-logs", document: logs });
    const role = b.role({ name: "r", inline: { logs }, managed: [managed], trust: lambdaTrust });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const snap = JSON.parse(JSON.stringify(b.build()));
    const gaad = snap.iam.GetAccountAuthorizationDetails;
    gaad.RoleDetailList[0].RoleName = "";
    gaad.RoleDetailList[0].RolePolicyList[0].PolicyName = "";
    gaad.Policies[0].PolicyName = "";
    snap.regions[REGION].ListFunctions.Functions[0].FunctionName = "";
    const m = buildAccountModel(parseSnapshotValue(snap));
    const fn = m.functions[0]!;
    expect(fn.name).toBe("f");
    expect(fn.role?.name).toBe("r");
    expect(fn.role?.identity.map((p) => p.source.policyName).sort()).toEqual(["inline policy #1", "shared-logs"]);
    expect(fn.role?.identity[0]?.source.roleName).toBe("r");
  });

  it("an entry listed twice with other details: the first is analysed and the second is a problem, not a silent choice", () => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { logs }, trust: lambdaTrust });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    b.user({ name: "u" });
    const snap = JSON.parse(JSON.stringify(b.build()));
    const gaad = snap.iam.GetAccountAuthorizationDetails;
    const admin = { PolicyName: "admin", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };
    gaad.RoleDetailList.push({ ...structuredClone(gaad.RoleDetailList[0]), RolePolicyList: [admin] });
    gaad.UserDetailList.push({ ...structuredClone(gaad.UserDetailList[0]), UserPolicyList: [admin] });
    const fns = snap.regions[REGION].ListFunctions.Functions;
    fns.push({ ...structuredClone(fns[0]), Role: `arn:aws:iam::${ACCOUNT}:role/other` });
    // A page read twice repeats entries unchanged: nothing to say about those.
    gaad.RoleDetailList.push(structuredClone(gaad.RoleDetailList[0]));
    const m = buildAccountModel(parseSnapshotValue(snap));
    expect(m.functions).toHaveLength(1);
    expect(m.functions[0]?.roleArn).toBe(role);
    expect(m.roles.get(role)?.identity.map((d) => d.source.policyName)).toEqual(["logs"]);
    expect(m.users.get(`arn:aws:iam::${ACCOUNT}:user/u`)?.identity).toEqual([]);
    expect(m.problems).toEqual([
      { where: `role ${role}`, why: "listed again with other details; the first entry is analysed" },
      { where: `IAM user arn:aws:iam::${ACCOUNT}:user/u`, why: "listed again with other details; the first entry is analysed" },
      { where: `function arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, why: "listed again with other details; the first entry is analysed" },
    ]);
  });

  it("keeps an alias listed twice once (the first), and says so where the second differs: Run as offers it once", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    b.version(fn, "1");
    b.version(fn, "2");
    const live = b.alias(fn, "live", "1");
    const next = b.alias(fn, "next", "2");
    const snap = JSON.parse(JSON.stringify(b.build())) as { regions: Record<string, { ListAliases: Record<string, { Aliases: { AliasArn: string; FunctionVersion: string }[] }> }> };
    const aliases = snap.regions[REGION]!.ListAliases[fn]!.Aliases;
    // `live` again unchanged (a page read twice), `next` again routing elsewhere (the snapshot contradicts itself).
    aliases.push(structuredClone(aliases[0]!), { ...structuredClone(aliases[1]!), FunctionVersion: "1" });
    const parsed = parseSnapshotValue(snap);
    const m = buildAccountModel(parsed);
    expect(m.functions[0]!.aliases.map((a) => [a.AliasArn, a.FunctionVersion])).toEqual([[live, "1"], [next, "2"]]);
    expect(m.problems).toEqual([{ where: `alias ${next}`, why: "listed again with other details; the first entry is analysed" }]);
    const report = analyzeSnapshot(parsed);
    expect(report.functions[0]!.aliases!.map((a) => a.arn)).toEqual([live, next]);
    const choices = runAsChoices(report.functions[0]!, report.functions[0]!.aliases!).map((c) => c.principal);
    expect(new Set(choices).size).toBe(choices.length);
  });

  it("uses only the default version of a managed policy", () => {
    const b = newBuilder();
    const old = policy({ Effect: "Allow", Action: "*", Resource: "*" });
    const managed = b.managedPolicy({ name: "p", document: logs, versions: [old] });
    const role = b.role({ name: "r", managed: [managed] });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const identity = modelOf(b).functions[0]?.role?.identity ?? [];
    expect(identity).toHaveLength(1);
    expect(identity[0]?.statements[0]?.action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
  });

  it("reports a malformed inline policy, marks it unreadable and keeps the rest", () => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { broken: new RawDocument('{"Version": "2012-10-17", "Statement": ['), logs } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const m = modelOf(b);
    expect(m.problems.map((p) => p.where)).toEqual(["role r inline policy broken"]);
    expect(m.functions[0]?.role?.unreadable[0]).toMatch(/^inline policy broken/);
    expect(m.functions[0]?.role?.identity).toHaveLength(1);
  });

  it("reports an attached managed policy or boundary whose document is not in the snapshot, and lists it as unknown", () => {
    const b = newBuilder();
    const ghost = `arn:aws:iam::${ACCOUNT}:policy/ghost`;
    const role = b.role({ name: "r", inline: { logs }, managed: [ghost], boundary: `arn:aws:iam::${ACCOUNT}:policy/ghost-boundary` });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const m = modelOf(b);
    expect(m.problems).toEqual([
      { where: `role r managed policy ghost (${ghost})`, why: "attached, but its document is not in the snapshot" },
      { where: `role r permissions boundary (arn:aws:iam::${ACCOUNT}:policy/ghost-boundary)`, why: "attached, but its document is not in the snapshot" },
    ]);
    expect(analyzeModel(m).functions[0]?.unknown).toEqual([
      "GetAccountAuthorizationDetails: could not read managed policy ghost: document is not in the snapshot",
      "GetAccountAuthorizationDetails: could not read permissions boundary ghost-boundary: document is not in the snapshot",
    ]);
  });

  it("lists IAM data as unknown for every function when the snapshot has none", () => {
    const b = newBuilder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    const snapshot = b.build();
    delete (snapshot as { iam?: unknown }).iam;
    const report = analyzeSnapshot(parseSnapshotValue(snapshot));
    expect(report.functions[0]?.unknown).toEqual(["GetAccountAuthorizationDetails: not in the snapshot"]);
  });

  it("tells a deleted role from roles that could not be read", () => {
    const b = newBuilder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: `arn:aws:iam::${ACCOUNT}:role/gone` });
    expect(modelOf(b).functions[0]?.roleState).toBe("missing");
    b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "no" });
    const fn = modelOf(b).functions[0];
    expect(fn?.roleState).toBe("unknown");
    expect(fn?.unknownOps.has("GetAccountAuthorizationDetails")).toBe(true);
  });

  it("marks GetPolicy unknown only for the function whose call failed", () => {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const a = b.fn({ region: REGION, name: "a", runtime: "nodejs20.x", role });
    b.fn({ region: REGION, name: "b", runtime: "nodejs20.x", role });
    b.error({ region: REGION, operation: "GetPolicy", target: a, code: "AccessDeniedException", message: "denied" });
    const [fa, fb] = modelOf(b).functions;
    expect(fa?.unknownOps.has("GetPolicy")).toBe(true);
    expect(fb?.unknownOps.size).toBe(0);
  });

  it("attaches alias policies and a region-wide mapping failure to the right functions", () => {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const f = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    b.alias(f, "prod", "3");
    b.permission(f, { sid: "api", principal: "apigateway.amazonaws.com", qualifier: "prod", sourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc/*` });
    b.error({ region: REGION, operation: "ListEventSourceMappings", code: "ThrottlingException", message: "Rate exceeded" });
    const fn = modelOf(b).functions[0];
    expect(fn?.policies.map((p) => p.qualifiedArn)).toEqual([`${f}:prod`]);
    expect(fn?.aliases.map((a) => a.Name)).toEqual(["prod"]);
    expect(fn?.unknownOps.has("ListEventSourceMappings")).toBe(true);
  });
});
