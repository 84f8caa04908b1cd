/**
 * `can` as an IAM user: resolved by `resolvePrincipal`, asked by `ask` with the evaluation that lists users among a
 * function's invokers (their groups' policies, their boundary, aws:username and their tags), and answered as a user,
 * never as a role. The demo's users (data/DEMO.md): ci-deploy (group deployers) and break-glass-admin (Deny without MFA).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { buildAccountModel, type AccountModel } from "./account-model";
import { analyzeModel } from "./analyze";
import { ask, resolvePrincipal } from "./what-if";

const CI = `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:user/emergency/break-glass-admin`;
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const INVOKE = "lambda:InvokeFunction";

let demo: AccountModel;
beforeAll(async () => {
  demo = buildAccountModel(await readSnapshotFile("data/demo-snapshot.json"));
});

describe("resolvePrincipal: IAM user ARNs", () => {
  it("resolves a user of the snapshot to the user, which runs as no role", () => {
    const r = resolvePrincipal(demo, CI);
    expect(r.user?.name).toBe("ci-deploy");
    expect(r.user?.groups).toEqual(["deployers"]);
    expect(r.runsAs).toEqual([]);
  });

  it("an unknown ARN says which kind it looked for, with near matches of that kind first", () => {
    expect(() => resolvePrincipal(demo, `arn:aws:iam::${ACCOUNT}:user/deploy`)).toThrow(
      `principal "arn:aws:iam::${ACCOUNT}:user/deploy" is an IAM user ARN, and this snapshot holds no such IAM user (did you mean ${CI}, arn:aws:iam::${ACCOUNT}:role/service-role/deploy-hook-role, `,
    );
    expect(() => resolvePrincipal(demo, `arn:aws:iam::${ACCOUNT}:role/ghost-role`)).toThrow(/^principal "\S+" is a role ARN, and this snapshot holds no such role$/);
    expect(() => resolvePrincipal(demo, fnArn("ghost"))).toThrow(/^principal "\S+" is a function ARN, and this snapshot holds no such function$/);
    // A user given by name is looked for as a function name, and the user is suggested.
    expect(() => resolvePrincipal(demo, "break-glass")).toThrow(`principal "break-glass" is neither a role nor a function in this snapshot (did you mean ${ADMIN}?)`);
  });

  it("a function's execution role the snapshot lacks says why: deleted, or its IAM data unread", () => {
    const gone = `arn:aws:iam::${ACCOUNT}:role/service-role/legacy-ftp-poller-role-x7k2p9`;
    expect(() => resolvePrincipal(demo, gone)).toThrow(
      `role "${gone}" (the execution role of legacy-ftp-poller) does not exist in the account (deleted or renamed), so it can do nothing`,
    );
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { all: policy() } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const snapshot = b.build();
    delete snapshot.iam;
    const model = buildAccountModel(parseSnapshot(snapshot));
    expect(() => resolvePrincipal(model, role)).toThrow(
      `role "${role}" (the execution role of f) could not be read: the snapshot's IAM data is missing or partial, so what it may do is unknown`,
    );
  });

  it("a snapshot taken before users were read says so, never that there is no such user", () => {
    const b = newBuilder();
    b.user({ name: "ci-deploy", path: "/ci/" });
    const snapshot = b.build();
    delete (snapshot.iam!.GetAccountAuthorizationDetails as { UserDetailList?: unknown }).UserDetailList;
    const model = buildAccountModel(parseSnapshot(snapshot));
    let message = "";
    try {
      resolvePrincipal(model, CI);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `principal "${CI}" is an IAM user, but this snapshot's IAM users were not read (the snapshot has no UserDetailList (taken before IAM users were read, or by a tool that left them out)): scan again to ask as a user`,
    );
    expect(message).not.toMatch(/no such/);
  });
});

describe("ask as an IAM user (demo)", () => {
  it("ci-deploy may invoke checkout-api through its group's policy, and the answer names a user, not a role", () => {
    const a = ask(demo, { principal: CI, action: INVOKE, resource: fnArn("checkout-api") });
    expect(a.decision).toBe("allowed");
    expect(a.principal).toEqual({ user: CI });
    expect(a.statements).toHaveLength(1);
    expect(a.statements[0]).toMatchObject({ effect: "Allow", policy: "deploy-storefront", policyKind: "inline", group: "deployers", sid: "SmokeTestAfterDeploy" });
    expect(a.statements[0]?.role).toBeUndefined();
    expect(ask(demo, { principal: CI, action: INVOKE, resource: fnArn("orders-processor") }).decision).toBe("implicitly-denied");
  });

  it("break-glass-admin is conditional on aws:MultiFactorAuthPresent; with MFA allowed, without it denied", () => {
    const q = { principal: ADMIN, action: INVOKE, resource: fnArn("checkout-api") };
    const unknown = ask(demo, q);
    expect(unknown.decision).toBe("conditional");
    expect(unknown.unknownKeys.map((k) => k.toLowerCase())).toEqual(["aws:multifactorauthpresent"]);
    expect(ask(demo, { ...q, context: { "aws:MultiFactorAuthPresent": "true" } }).decision).toBe("allowed");
    const without = ask(demo, { ...q, context: { "aws:MultiFactorAuthPresent": "false" } });
    expect(without.decision).toBe("explicitly-denied");
    expect(without.statements.find((s) => s.effect === "Deny")).toMatchObject({ policy: "require-mfa", sid: "DenyWithoutMFA" });
  });

  it("gives every demo function the answer the report's invoker lists give the user (one evaluation)", () => {
    const report = analyzeModel(demo);
    for (const user of [CI, ADMIN]) {
      const wide = report.accountInvokers?.find((a) => a.principal === user);
      for (const fn of report.functions) {
        const listed = fn.invokers.find((i) => i.principal === user && (i.actions ?? [INVOKE]).includes(INVOKE));
        const exception = wide?.exceptions.find((e) => e.function === fn.arn);
        const expected = listed?.decision ?? exception?.decision ?? (wide && !wide.regions ? wide.decision : undefined);
        const a = ask(demo, { principal: user, action: INVOKE, resource: fn.arn });
        if (expected) expect(a.decision, `${user} on ${fn.name}`).toBe(expected);
        // Not among its invokers: no policy of its own lets it in (the function's resource policy may: debug-echo's is public).
        else expect(a.statements.filter((s) => s.effect === "Allow" && s.policyKind !== "resource"), `${user} on ${fn.name}`).toEqual([]);
      }
    }
  });

  it("role and function answers keep their shape: no user or group field appears", () => {
    const a = ask(demo, { principal: "orders-processor", action: "sqs:DeleteMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-queue` });
    expect(Object.keys(a.principal)).toEqual(["role", "function"]);
    expect(Object.keys(a.statements[0]!)).not.toContain("group");
  });
});

describe("ask as an IAM user: boundary, variables and tags apply as in the invoker evaluation", () => {
  const BUCKET = "arn:aws:s3:::homes";
  function account() {
    const b = newBuilder();
    b.group({ name: "readers", inline: { homes: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/\${aws:username}/*` }) } });
    const boundary = b.managedPolicy({ name: "no-secrets", document: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:GetObject", Resource: `${BUCKET}/*/private/*` }) });
    const alice = b.user({ name: "alice", groups: ["readers"], tags: { team: "data" } });
    const secrets = b.user({ name: "secrets", groups: ["readers"], boundary });
    const tagged = b.user({
      name: "tagged",
      inline: { t: policy({ Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } }) },
    });
    const teamed = b.user({
      name: "teamed",
      tags: { team: "data" },
      inline: { t: policy({ Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } }) },
    });
    const lost = b.user({ name: "lost", groups: ["nowhere"] });
    return { model: modelOf(b), alice, secrets, tagged, teamed, lost };
  }

  it("aws:username in a group's Resource names the user's own prefix only", () => {
    const { model, alice } = account();
    expect(ask(model, { principal: alice, action: "s3:GetObject", resource: `${BUCKET}/alice/a.txt` }).decision).toBe("allowed");
    expect(ask(model, { principal: alice, action: "s3:GetObject", resource: `${BUCKET}/bob/a.txt` }).decision).toBe("implicitly-denied");
  });

  it("the user's permissions boundary refuses what its groups allow", () => {
    const { model, secrets, alice } = account();
    expect(ask(model, { principal: secrets, action: "s3:GetObject", resource: `${BUCKET}/secrets/public/a` }).decision).toBe("allowed");
    // Its own prefix: its group allows it (as it does alice's, who has no boundary); the boundary's Deny refuses it.
    expect(ask(model, { principal: alice, action: "s3:GetObject", resource: `${BUCKET}/alice/private/a` }).decision).toBe("allowed");
    const refused = ask(model, { principal: secrets, action: "s3:GetObject", resource: `${BUCKET}/secrets/private/a` });
    expect(refused.decision).toBe("explicitly-denied");
    expect(refused.statements.find((s) => s.effect === "Deny")?.policyKind).toBe("boundary");
  });

  it("aws:PrincipalTag holds exactly the user's tags: a missing tag is absent, not unknown", () => {
    const { model, tagged, teamed } = account();
    expect(ask(model, { principal: teamed, action: "s3:PutObject", resource: `${BUCKET}/k` }).decision).toBe("allowed");
    expect(ask(model, { principal: tagged, action: "s3:PutObject", resource: `${BUCKET}/k` }).decision).toBe("implicitly-denied");
  });

  it("a group the snapshot lacks makes the answer conditional, never denied", () => {
    const { model, lost } = account();
    const a = ask(model, { principal: lost, action: "s3:GetObject", resource: `${BUCKET}/lost/a` });
    expect(a.decision).toBe("conditional");
    expect(a.reasons.join("\n")).toContain("group nowhere");
  });
});
