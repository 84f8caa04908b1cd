import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshot, parseSnapshotValue } from "@/lib/snapshot/read";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { DECISION_RANK, isOpen } from "@/lib/policy/decision";
import type { Decision } from "@/lib/policy/types";
import { buildAccountModel, type AccountModel, type FunctionModel } from "./account-model";
import { analyzeModel } from "./analyze";
import { identityInvokers } from "./identity-invokers";
import type { AccountInvoker, Invoker } from "./types";
import type { PrincipalModel, RoleModel } from "./role-model";
import { statementCoversAction } from "@/lib/policy/statement";
import { evaluateDecision } from "@/lib/policy/evaluate";
import { roleDecision, roleRequest } from "./role-access";
import { ACCOUNT, REGION, modelOf } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const INVOKE = "lambda:InvokeFunction";
const ASYNC = "lambda:InvokeAsync";

function account(setup: (b: SnapshotBuilder, fns: { a: string; b: string }) => void, regions = [REGION]) {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions });
  const exec = b.role({ name: "exec", inline: { logs: doc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) } as never });
  const fns = {
    a: b.fn({ region: regions[0] as string, name: "a", runtime: "nodejs22.x", role: exec }),
    b: b.fn({ region: regions[regions.length - 1] as string, name: "b", runtime: "nodejs22.x", role: exec }),
  };
  setup(b, fns);
  return modelOf(b);
}

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

describe("identityInvokers", () => {
  it("lists a role whose policy names one function on that function only, with the statement as evidence", () => {
    const model = account((b, fns) => {
      b.role({ name: "ci", inline: { deploy: doc({ Sid: "InvokeA", Effect: "Allow", Action: INVOKE, Resource: fns.a }) } as never });
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect(accountWide).toEqual([]);
    expect(byFunction.get(model.functions[0]!.arn)).toEqual([
      { via: "identity-policy", principal: roleArn("ci"), principalType: "role", decision: "allowed", actions: [INVOKE], statements: ["deploy#InvokeA"] },
    ]);
    expect(byFunction.has(model.functions[1]!.arn)).toBe(false);
  });

  // As in the demo: break-glass-admin holds AdministratorAccess and a Deny of everything without MFA. Its entry cited
  // the Allow alone, so nothing said what its "conditional" waits on.
  it("names the context keys a conditional entry waits on, account-wide and per function", () => {
    const mfa = { Sid: "DenyWithoutMFA", Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
    const model = account((b, fns) => {
      b.user({ name: "break-glass", inline: { admin: doc({ Effect: "Allow", Action: "*", Resource: "*" }, mfa) } as never });
      b.role({ name: "office", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }) } as never });
      b.role({ name: "ci", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.b }) } as never });
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect(accountWide).toEqual([expect.objectContaining({ principal: `arn:aws:iam::${ACCOUNT}:user/break-glass`, decision: "conditional", unknownKeys: ["aws:MultiFactorAuthPresent"] })]);
    expect(byFunction.get(model.functions[0]!.arn)).toEqual([expect.objectContaining({ principal: roleArn("office"), decision: "conditional", unknownKeys: ["aws:SourceIp"] })]);
    // An allowed entry waits on nothing.
    expect(byFunction.get(model.functions[1]!.arn)?.[0]).not.toHaveProperty("unknownKeys");
  });

  it("cites only the statements that grant or may grant the call, not those whose condition is false for it", () => {
    const model = account((b, fns) => {
      b.role({
        name: "ci",
        inline: {
          deploy: doc(
            { Sid: "EuOnly", Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
            { Sid: "InvokeA", Effect: "Allow", Action: INVOKE, Resource: fns.a },
            { Sid: "FromOffice", Effect: "Allow", Action: INVOKE, Resource: fns.a, Condition: { StringEquals: { "aws:SourceIp": "10.0.0.1" } } },
          ),
        } as never,
      });
    });
    const [entry] = identityInvokers(model).byFunction.get(model.functions[0]!.arn) ?? [];
    // EuOnly cannot apply to a function in us-east-1; FromOffice may, depending on the caller's address.
    expect(entry).toMatchObject({ principal: roleArn("ci"), decision: "allowed", statements: ["deploy#InvokeA", "deploy#FromOffice"] });
  });

  it("does not list a role whose grant rests on a key invoke requests never carry (lambda:FunctionArn)", () => {
    const model = account((b, fns) => {
      // lambda:FunctionArn is a key of the event source mapping actions: on InvokeFunction the condition is false.
      b.role({ name: "esm", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*", Condition: { ArnLike: { "lambda:FunctionArn": fns.a } } }) } as never });
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect([...byFunction.values()].flat().filter((i) => i.principal === roleArn("esm"))).toEqual([]);
    expect(accountWide.filter((i) => i.principal === roleArn("esm"))).toEqual([]);
  });

  it("lists a role that may invoke every function once, with the functions answered otherwise", () => {
    const model = account((b, fns) => {
      b.role({ name: "admin", inline: { all: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
      b.resourcePolicy(fns.b, doc({ Sid: "NoAdmin", Effect: "Deny", Principal: { AWS: roleArn("admin") }, Action: "lambda:*", Resource: fns.b }));
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect(byFunction.size).toBe(0);
    expect(accountWide).toEqual([
      {
        principal: roleArn("admin"),
        principalType: "role",
        decision: "allowed",
        statements: ["all#0"],
        exceptions: [{ function: model.functions[1]!.arn, decision: "explicitly-denied" }],
      },
    ]);
  });

  it("shares one statements list between a role's entries granted by the same statements, and only those", () => {
    const model = account((b, fns) => {
      b.role({
        name: "ci",
        inline: {
          both: doc({ Sid: "Both", Effect: "Allow", Action: INVOKE, Resource: [fns.a, fns.b] }),
          onlyB: doc({ Sid: "B", Effect: "Allow", Action: INVOKE, Resource: fns.b }),
        } as never,
      });
      b.role({ name: "ops", inline: { both: doc({ Sid: "Both", Effect: "Allow", Action: INVOKE, Resource: [fns.a, fns.b] }) } as never });
    });
    const { byFunction } = identityInvokers(model);
    const entry = (fn: number, role: string) => byFunction.get(model.functions[fn]!.arn)?.find((i) => i.principal === roleArn(role));
    expect(entry(0, "ci")?.statements).toEqual(["both#Both"]);
    expect(entry(1, "ci")?.statements).toEqual(["both#Both", "onlyB#B"]);
    expect(entry(0, "ops")?.statements).toEqual(["both#Both"]);
    // The report keeps one entry per role and function: equal lists of one role are one array.
    expect(entry(1, "ops")?.statements).toBe(entry(0, "ops")?.statements);
  });

  it("leaves out a role its boundary or an explicit Deny stops, and one with no readable grant", () => {
    const model = account((b, fns) => {
      const boundary = b.managedPolicy({ name: "bnd", document: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) as never });
      b.role({ name: "bounded", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: fns.a }) } as never, boundary });
      b.role({
        name: "denied",
        inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: "*" }) } as never,
      });
      b.role({ name: "reader", inline: { p: doc({ Effect: "Allow", Action: "lambda:Get*", Resource: "*" }) } as never });
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect([...byFunction.values()].flat()).toEqual([]);
    expect(accountWide).toEqual([]);
  });

  it("names the roles with unreadable identity policies: they may invoke what no list says", () => {
    const model = account((b) => {
      b.role({ name: "broken", inline: { p: "{not json" } as never });
      // A readable boundary that allows no invoking stops whatever the unread policies say; one that allows it does not.
      const s3Only = b.managedPolicy({ name: "s3-only", document: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) as never });
      const invokeOk = b.managedPolicy({ name: "invoke-ok", document: doc({ Effect: "Allow", Action: "lambda:Invoke*", Resource: "*" }) as never });
      b.role({ name: "broken-bounded", inline: { p: "{not json" } as never, boundary: s3Only });
      b.role({ name: "broken-bounded-to-invoke", inline: { p: "{not json" } as never, boundary: invokeOk });
      b.role({ name: "fine", inline: { p: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } as never });
    });
    const { byFunction, accountWide, unreadCallers } = identityInvokers(model);
    expect(unreadCallers).toEqual([roleArn("broken"), roleArn("broken-bounded-to-invoke")]);
    expect([...byFunction.values()].flat()).toEqual([]);
    expect(accountWide).toEqual([]);
  });

  describe("lambda:InvokeAsync (the deprecated async API, which still runs the function)", () => {
    it("lists a role granted only InvokeAsync, with that action and statement", () => {
      const model = account((b, fns) => {
        b.role({ name: "async", inline: { p: doc({ Sid: "Async", Effect: "Allow", Action: ASYNC, Resource: fns.a }) } as never });
      });
      const { byFunction, accountWide } = identityInvokers(model);
      expect(accountWide).toEqual([]);
      expect(byFunction.get(model.functions[0]!.arn)).toEqual([
        { via: "identity-policy", principal: roleArn("async"), principalType: "role", decision: "allowed", actions: [ASYNC], statements: ["p#Async"] },
      ]);
      expect(byFunction.has(model.functions[1]!.arn)).toBe(false);
      checkAgainstEveryPair(model);
    });

    it("lists a role granted InvokeAsync on every function once, account-wide, saying so", () => {
      const model = account((b) => {
        b.role({ name: "async-all", inline: { p: doc({ Effect: "Allow", Action: ASYNC, Resource: "*" }) } as never });
      });
      const { byFunction, accountWide } = identityInvokers(model);
      expect(byFunction.size).toBe(0);
      expect(accountWide).toEqual([{ principal: roleArn("async-all"), principalType: "role", decision: "allowed", statements: ["p#0"], exceptions: [], actions: [ASYNC] }]);
      checkAgainstEveryPair(model);
    });

    it("keeps a role that holds InvokeFunction as it was: one entry, for InvokeFunction", () => {
      const model = account((b, fns) => {
        b.role({ name: "both", inline: { p: doc({ Effect: "Allow", Action: [INVOKE, ASYNC], Resource: fns.a }) } as never });
        b.role({ name: "star", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: fns.b }) } as never });
        b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
      });
      const { byFunction, accountWide } = identityInvokers(model);
      expect(byFunction.get(model.functions[0]!.arn)).toEqual([expect.objectContaining({ principal: roleArn("both"), actions: [INVOKE] })]);
      expect(byFunction.get(model.functions[1]!.arn)).toEqual([expect.objectContaining({ principal: roleArn("star"), actions: [INVOKE] })]);
      expect(accountWide).toEqual([expect.objectContaining({ principal: roleArn("admin"), exceptions: [] })]);
      expect(accountWide[0]).not.toHaveProperty("actions");
      checkAgainstEveryPair(model);
    });

    it("lists InvokeAsync on the functions a Deny of InvokeFunction alone shuts, beside the account-wide entry", () => {
      const model = account((b, fns) => {
        b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Sid: "NoSync", Effect: "Deny", Action: INVOKE, Resource: `${fns.b}*` }) } as never });
        b.role({ name: "careful", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: `${fns.b}*` }) } as never });
      });
      const [, fb] = model.functions;
      const { byFunction, accountWide } = identityInvokers(model);
      expect(accountWide.map((w) => [w.principal, w.exceptions])).toEqual([
        [roleArn("admin"), [{ function: fb!.arn, decision: "explicitly-denied" }]],
        [roleArn("careful"), [{ function: fb!.arn, decision: "explicitly-denied" }]],
      ]);
      expect(byFunction.get(fb!.arn)).toEqual([expect.objectContaining({ principal: roleArn("admin"), actions: [ASYNC], decision: "allowed", statements: ["p#0"] })]);
      checkAgainstEveryPair(model);
    });

    it("lists InvokeAsync, allowed, where the role's InvokeFunction answer is only conditional", () => {
      const model = account((b, fns) => {
        const ip = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
        // Every function: InvokeFunction from the office network only, InvokeAsync from anywhere.
        b.role({ name: "wide", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: ip }, { Sid: "Async", Effect: "Allow", Action: ASYNC, Resource: "*" }) } as never });
        // By name: the same on one function; and one whose InvokeAsync is as conditional as its Invoke (nothing to add).
        b.role({ name: "named", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a, Condition: ip }, { Sid: "Async", Effect: "Allow", Action: ASYNC, Resource: fns.a }) } as never });
        b.role({ name: "both-ip", inline: { p: doc({ Effect: "Allow", Action: [INVOKE, ASYNC], Resource: fns.a, Condition: ip }) } as never });
      });
      const [fa, fb] = model.functions;
      const { byFunction, accountWide } = identityInvokers(model);
      expect(accountWide).toEqual([expect.objectContaining({ principal: roleArn("wide"), decision: "conditional" })]);
      const asyncOn = (fn: typeof fa) => (byFunction.get(fn!.arn) ?? []).filter((i) => i.actions?.[0] === ASYNC).map((i) => [i.principal, i.decision, i.statements]);
      expect(asyncOn(fa)).toEqual([
        [roleArn("wide"), "allowed", ["p#Async"]],
        [roleArn("named"), "allowed", ["p#Async"]],
      ]);
      expect(asyncOn(fb)).toEqual([[roleArn("wide"), "allowed", ["p#Async"]]]);
      expect((byFunction.get(fa!.arn) ?? []).filter((i) => i.principal === roleArn("both-ip")).map((i) => [i.actions, i.decision])).toEqual([[[INVOKE], "conditional"]]);
      checkAgainstEveryPair(model);
    });

    it("counts a readable boundary that allows only InvokeAsync as letting a role with unread policies invoke", () => {
      const model = account((b) => {
        const asyncOnly = b.managedPolicy({ name: "async-only", document: doc({ Effect: "Allow", Action: ASYNC, Resource: "*" }) as never });
        b.role({ name: "broken-async", inline: { p: "{not json" } as never, boundary: asyncOnly });
      });
      expect(identityInvokers(model).unreadCallers).toEqual([roleArn("broken-async")]);
    });
  });

  describe("roles no one can assume", () => {
    const trusts = {
      empty: { Version: "2012-10-17", Statement: [] },
      "deny-only": doc({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }),
      "tag-only": doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:TagSession" }),
    };

    it("leaves out a role whose readable trust policy allows no assume call, per function and account-wide", () => {
      const model = account((b, fns) => {
        for (const [name, trust] of Object.entries(trusts)) {
          b.role({ name: `named-${name}`, trust, inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a }) } } as never);
          b.role({ name: `admin-${name}`, trust, inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } } as never);
          b.role({ name: `broken-${name}`, trust, inline: { p: "{not json" } } as never);
        }
        // Assumable by someone (a condition no request may meet still counts: "no one" must be certain).
        b.role({ name: "web", trust: doc({ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "accounts.google.com:aud": "x" } } }), inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a }) } } as never);
      });
      const { byFunction, accountWide, unreadCallers } = identityInvokers(model);
      expect([...byFunction.values()].flat().map((i) => i.principal)).toEqual([roleArn("web")]);
      expect(accountWide).toEqual([]);
      expect(unreadCallers).toEqual([]);
      checkAgainstEveryPair(model);
    });

    it("keeps a role whose trust policy could not be read: who may assume it is unknown", () => {
      const model = account((b, fns) => {
        b.role({ name: "odd-trust", trust: "{not json", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a }) } } as never);
        b.role({ name: "odd-trust-broken", trust: "{not json", inline: { p: "{not json" } } as never);
      });
      const { byFunction, unreadCallers } = identityInvokers(model);
      expect(model.roles.get(roleArn("odd-trust"))?.trustUnreadable).toBeDefined();
      expect(byFunction.get(model.functions[0]!.arn)).toEqual([expect.objectContaining({ principal: roleArn("odd-trust"), decision: "allowed" })]);
      expect(unreadCallers).toEqual([roleArn("odd-trust-broken")]);
      checkAgainstEveryPair(model);
    });
  });

  it("names the alias when the grant covers only that alias", () => {
    let alias = "";
    const model = account((b, fns) => {
      b.version(fns.a, "1");
      alias = b.alias(fns.a, "live", "1");
      b.role({ name: "caller", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: alias }) } as never });
    });
    const entries = identityInvokers(model).byFunction.get(model.functions[0]!.arn);
    expect(entries).toEqual([expect.objectContaining({ principal: roleArn("caller"), qualifier: alias, decision: "allowed" })]);
  });

  describe("published versions (Lambda checks a call with Qualifier=7 against `fn:7`, which `fn:*` matches and `fn` does not)", () => {
    /** Function a with versions 3 and 7 published, alias live on 7; the roles `setup` adds. */
    const versioned = (setup: (b: SnapshotBuilder, v: { a: string; v3: string; v7: string; b: string }) => void, regions = [REGION]) =>
      account((b, fns) => {
        const v3 = b.version(fns.a, "3");
        const v7 = b.version(fns.a, "7");
        b.alias(fns.a, "live", "7");
        setup(b, { a: fns.a, v3, v7, b: fns.b });
      }, regions);
    const entriesOfRole = (model: AccountModel, role: string) =>
      [...identityInvokers(model).byFunction.entries()].flatMap(([fn, list]) => list.filter((i) => i.principal === roleArn(role)).map((i) => ({ fn, ...i })));

    it("lists a role granted invoke on one version only on its function, naming the version", () => {
      let v7 = "";
      const model = versioned((b, v) => {
        v7 = v.v7;
        b.role({ name: "pinned", inline: { p: doc({ Sid: "Seven", Effect: "Allow", Action: INVOKE, Resource: v.v7 }) } as never });
      });
      const [a] = model.functions;
      expect(identityInvokers(model).byFunction.get(a!.arn)).toEqual([
        { via: "identity-policy", principal: roleArn("pinned"), principalType: "role", decision: "allowed", actions: [INVOKE], statements: ["p#Seven"], qualifier: v7 },
      ]);
      expect(identityInvokers(model).accountWide).toEqual([]);
      checkAgainstEveryPair(model);
    });

    it("lists a role granted on the function or on `fn:*` once, without an entry per version", () => {
      const model = versioned((b, v) => {
        b.role({ name: "unqualified", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: v.a }) } as never });
        b.role({ name: "any-qualifier", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${v.a}:*` }) } as never });
        b.role({ name: "both", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: [v.a, v.v3, v.v7] }) } as never });
      });
      const [a] = model.functions;
      expect(entriesOfRole(model, "unqualified").map((e) => e.qualifier)).toEqual([undefined]);
      expect(entriesOfRole(model, "any-qualifier").map((e) => e.qualifier)).toEqual([`${a!.arn}:$LATEST`]);
      expect(entriesOfRole(model, "both").map((e) => e.qualifier)).toEqual([undefined]);
      checkAgainstEveryPair(model);
    });

    it("lists each version the role may invoke, in order, and none a Deny shuts", () => {
      const model = versioned((b, v) => {
        b.role({ name: "two", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: [v.v7, v.v3] }) } as never });
        b.role({ name: "not-seven", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: [v.v3, v.v7] }, { Effect: "Deny", Action: INVOKE, Resource: v.v7 }) } as never });
        // The version's own policy refuses this role: its identity grant alone does not let it in.
        b.role({ name: "refused", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: v.v7 }) } as never });
        b.resourcePolicy(v.v7, doc({ Effect: "Deny", Principal: { AWS: roleArn("refused") }, Action: "lambda:*", Resource: v.v7 }));
      });
      const [a] = model.functions;
      expect(entriesOfRole(model, "two").map((e) => e.qualifier)).toEqual([`${a!.arn}:3`, `${a!.arn}:7`]);
      expect(entriesOfRole(model, "not-seven").map((e) => e.qualifier)).toEqual([`${a!.arn}:3`]);
      expect(entriesOfRole(model, "refused")).toEqual([]);
      checkAgainstEveryPair(model);
    });

    it("says a version a Deny shuts is an exception of a grant on every function, beside `fn:*`", () => {
      const model = versioned((b, v) => {
        b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: v.v7 }) } as never });
        b.role({ name: "ci", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${v.a}:*` }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: v.v7 }) } as never });
        // Its own policy denies the admin version 3.
        b.resourcePolicy(v.v3, doc({ Effect: "Deny", Principal: { AWS: roleArn("admin") }, Action: INVOKE, Resource: v.v3 }));
      });
      const [a] = model.functions;
      const { accountWide } = identityInvokers(model);
      expect(accountWide.map((w) => [w.principal, w.decision, w.exceptions])).toEqual([
        [roleArn("admin"), "allowed", [{ function: `${a!.arn}:3`, decision: "explicitly-denied" }, { function: `${a!.arn}:7`, decision: "explicitly-denied" }]],
      ]);
      // Listed on $LATEST, which `fn:*` covers: nothing says it may invoke version 7.
      expect(entriesOfRole(model, "ci").map((e) => e.qualifier)).toEqual([`${a!.arn}:$LATEST`]);
      checkAgainstEveryPair(model);
    });

    it("takes a version policy the snapshot lacks as silent for a grant on every function; one naming the version is conditional", () => {
      let failed = "";
      const model = versioned((b, v) => {
        b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
        b.role({ name: "admin-but-b2", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: `${v.b}:2` }) } as never });
        b.role({ name: "pinned", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: [v.v3, `${v.b}:2`] }) } as never });
        failed = b.version(v.b, "2");
        b.error({ operation: "GetPolicy", target: failed, code: "AccessDeniedException", message: "denied" });
      });
      // The scan read the policies of a few versions only (scan --version-policies): version 3's was skipped, as
      // buildAccountModel reads the scanner's PoliciesNotRead (which the builder does not write).
      const a = model.functions.find((f) => f.name === "a")!;
      const skipped = `${a.arn}:3`;
      a.versionPoliciesNotRead.push("3");
      a.unreadPolicies.add(skipped);
      const { accountWide, byFunction } = identityInvokers(model);
      // Not an exception on every such version, for every such role; a readable Deny on one still is.
      expect(accountWide.map((w) => [w.principal.split("/").pop(), w.exceptions])).toEqual([
        ["admin", []],
        ["admin-but-b2", [{ function: failed, decision: "explicitly-denied" }]],
      ]);
      expect(analyzeModel(model).functions.find((f) => f.name === "a")?.unknown).toContain("GetPolicy: not read for 1 published version (scan --version-policies all reads them)");
      // A role its own policy names on those versions alone: a Deny there may refuse it.
      expect([...byFunction.values()].flat().filter((i) => i.principal === roleArn("pinned")).map((i) => [i.qualifier, i.decision])).toEqual([
        [skipped, "conditional"],
        [failed, "conditional"],
      ]);
      checkAgainstEveryPair(model);
    });

    it("does not invent a version the list lacks, nor ask versions that were not listed", () => {
      const model = versioned((b, v) => {
        b.role({ name: "nine", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${v.a}:9` }) } as never });
        b.role({ name: "b-one", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${v.b}:1` }) } as never });
      });
      expect(entriesOfRole(model, "nine")).toEqual([]);
      expect(entriesOfRole(model, "b-one")).toEqual([]);
      checkAgainstEveryPair(model);
    });

    it("asks the `$LATEST` some tools list among the versions as `$LATEST`, once", () => {
      const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: [REGION] });
      const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
      const a = b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: exec });
      b.version(a, "1");
      b.role({ name: "latest", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${a}:$LATEST` }) } as never });
      b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: `${a}:$LATEST` }) } as never });
      const snapshot = b.build() as unknown as { regions: Record<string, { ListVersionsByFunction: Record<string, { Versions: { Version: string; FunctionArn: string }[] }> }> };
      const entry = snapshot.regions[REGION]!.ListVersionsByFunction[a]!;
      entry.Versions.unshift({ ...entry.Versions[0]!, Version: "$LATEST", FunctionArn: `${a}:$LATEST` });
      const model = buildAccountModel(parseSnapshot(snapshot as never));
      expect(identityInvokers(model).byFunction.get(a)).toEqual([expect.objectContaining({ principal: roleArn("latest"), qualifier: `${a}:$LATEST` })]);
      expect(identityInvokers(model).accountWide.map((w) => w.exceptions)).toEqual([[{ function: `${a}:$LATEST`, decision: "explicitly-denied" }]]);
      checkAgainstEveryPair(model);
    });

    it("lists InvokeAsync on a version only where it is more open than the role's InvokeFunction", () => {
      const model = versioned((b, v) => {
        b.role({ name: "async-seven", inline: { p: doc({ Sid: "Async", Effect: "Allow", Action: ASYNC, Resource: v.v7 }) } as never });
        b.role({ name: "invoke-fn-async-seven", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: v.a }, { Effect: "Allow", Action: ASYNC, Resource: v.v7 }) } as never });
      });
      const [a] = model.functions;
      expect(entriesOfRole(model, "async-seven").map((e) => [e.qualifier, e.actions, e.decision, e.statements])).toEqual([[`${a!.arn}:7`, [ASYNC], "allowed", ["p#Async"]]]);
      expect(entriesOfRole(model, "invoke-fn-async-seven").map((e) => [e.qualifier, e.actions])).toEqual([[undefined, [INVOKE]]]);
      checkAgainstEveryPair(model);
    });

    it("lists InvokeAsync on the function where InvokeFunction lets the role in through an alias or version only", () => {
      const model = versioned((b, v) => {
        // Every function, but a's policy refuses InvokeFunction on a (and its $LATEST): alias live and version 7 let
        // it in.
        b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }) } as never });
        b.resourcePolicy(v.a, doc({ Effect: "Deny", Principal: { AWS: roleArn("admin") }, Action: INVOKE, Resource: v.a }));
        // By name: InvokeFunction on the alias, InvokeAsync on the function.
        b.role({ name: "live-async", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${v.a}:live` }, { Sid: "Async", Effect: "Allow", Action: ASYNC, Resource: v.a }) } as never });
      });
      const [a] = model.functions;
      const unqualifiedAsync = (role: string) => entriesOfRole(model, role).filter((e) => e.fn === a!.arn && !e.qualifier && e.actions?.[0] === ASYNC);
      expect(unqualifiedAsync("admin").map((e) => [e.decision, e.statements])).toEqual([["allowed", ["p#0"]]]);
      expect(entriesOfRole(model, "live-async").map((e) => [e.qualifier, e.actions, e.decision])).toEqual([
        [`${a!.arn}:live`, [INVOKE], "allowed"],
        [undefined, [ASYNC], "allowed"],
      ]);
      checkAgainstEveryPair(model);
    });

    it("answers versions in regions a grant covers whole, and asks them by name elsewhere", () => {
      const model = versioned(
        (b, v) => {
          b.role({
            name: "east",
            inline: {
              p: doc(
                { Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` },
                { Effect: "Allow", Action: INVOKE, Resource: `${v.b}:4` },
                { Effect: "Deny", Action: INVOKE, Resource: v.v3 },
              ),
            } as never,
          });
          b.version(v.b, "4");
        },
        ["us-east-1", "eu-west-1"],
      );
      const [a, fb] = ["a", "b"].map((name) => model.functions.find((f) => f.name === name));
      const { accountWide, byFunction } = identityInvokers(model);
      expect(accountWide).toEqual([expect.objectContaining({ principal: roleArn("east"), regions: ["us-east-1"], exceptions: [{ function: `${a!.arn}:3`, decision: "explicitly-denied" }] })]);
      expect(byFunction.get(fb!.arn)).toEqual([expect.objectContaining({ principal: roleArn("east"), qualifier: `${fb!.arn}:4`, decision: "allowed" })]);
      checkAgainstEveryPair(model);
    });

    it("appears in the report as the role invoking the version's node", () => {
      const model = versioned((b, v) => {
        b.role({ name: "pinned", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: v.v7 }) } as never });
      });
      const report = analyzeModel(model);
      const a = report.functions.find((f) => f.name === "a")!;
      expect(a.invokers).toContainEqual(expect.objectContaining({ via: "identity-policy", principal: roleArn("pinned"), qualifier: `${a.arn}:7` }));
      expect(report.graph.edges.find((e) => e.kind === "invokes" && e.source === `p:role:${roleArn("pinned")}`)).toMatchObject({ target: `fn:${a.arn}:7`, label: "identity policy" });
      expect(report.graph.nodes.find((n) => n.id === `fn:${a.arn}:7`)).toMatchObject({ label: "a:7", aliasOf: a.arn });
    });
  });

  it("names $LATEST when the grant covers only qualified calls: `fn:*` and `fn:$LATEST` run the function's current code", () => {
    // Lambda checks a call with Qualifier=$LATEST against `fn:$LATEST`, which `fn:*` matches and `fn` does not
    // (lambda-permissions.md §3.5): the role runs the same code as an unqualified call, alias or not.
    const model = account((b, fns) => {
      b.version(fns.a, "1");
      b.alias(fns.a, "live", "1");
      b.role({ name: "any-qualifier", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${fns.a}:*` }) } as never });
      b.role({ name: "latest", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${fns.b}:$LATEST` }) } as never });
    });
    const [a, b] = model.functions;
    expect(identityInvokers(model).byFunction.get(a!.arn)).toEqual([
      expect.objectContaining({ principal: roleArn("any-qualifier"), qualifier: `${a!.arn}:$LATEST`, decision: "allowed" }),
    ]);
    expect(identityInvokers(model).byFunction.get(b!.arn)).toEqual([
      expect.objectContaining({ principal: roleArn("latest"), qualifier: `${b!.arn}:$LATEST`, decision: "allowed", statements: ["p#0"] }),
    ]);
  });

  it("answers $LATEST apart from the unqualified function: a Deny on one leaves the other open", () => {
    const model = account((b, fns) => {
      b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: fns.a }) } as never });
      b.role({ name: "admin2", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: `${fns.b}:$LATEST` }) } as never });
    });
    const [a, b] = model.functions;
    const wide = new Map(identityInvokers(model).accountWide.map((w) => [w.principal, w.exceptions]));
    // a:$LATEST is allowed: named, as it differs from its function's answer.
    expect(wide.get(roleArn("admin"))).toEqual([
      { function: a!.arn, decision: "explicitly-denied" },
      { function: `${a!.arn}:$LATEST`, decision: "allowed" },
    ]);
    expect(wide.get(roleArn("admin2"))).toEqual([{ function: `${b!.arn}:$LATEST`, decision: "explicitly-denied" }]);
  });

  it("lists a grant on every function of one region once, for that region (regions), not on each of its functions", () => {
    const model = account(
      (b) => {
        b.role({
          name: "regional",
          inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }) } as never,
        });
      },
      ["us-east-1", "eu-west-1"],
    );
    const { byFunction, accountWide } = identityInvokers(model);
    expect(accountWide).toEqual([
      { principal: roleArn("regional"), principalType: "role", decision: "allowed", statements: ["p#0"], exceptions: [], regions: ["us-east-1"] },
    ]);
    expect(byFunction.size).toBe(0);
    checkAgainstEveryPair(model);
  });

  it("a grant on one region's functions keeps its exceptions there, and names functions elsewhere per function", () => {
    const model = account(
      (b, fns) => {
        b.role({
          name: "east",
          inline: {
            p: doc(
              { Sid: "East", Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` },
              { Sid: "OneWest", Effect: "Allow", Action: INVOKE, Resource: fns.b },
              { Sid: "NotA", Effect: "Deny", Action: INVOKE, Resource: fns.a },
            ),
          } as never,
        });
      },
      ["us-east-1", "eu-west-1"],
    );
    const { byFunction, accountWide } = identityInvokers(model);
    const fnNamed = (name: string) => model.functions.find((f) => f.name === name) as FunctionModel;
    const [a, b] = [fnNamed("a"), fnNamed("b")];
    // The Deny names the unqualified ARN: $LATEST, the same code, stays open (lambda-permissions.md §3.5).
    expect(accountWide).toEqual([
      expect.objectContaining({ principal: roleArn("east"), decision: "allowed", regions: ["us-east-1"], exceptions: [{ function: a.arn, decision: "explicitly-denied" }, { function: `${a.arn}:$LATEST`, decision: "allowed" }] }),
    ]);
    expect(byFunction.get(b.arn)).toEqual([expect.objectContaining({ principal: roleArn("east"), decision: "allowed", statements: ["p#OneWest"] })]);
    checkAgainstEveryPair(model);
  });

  it("lists a grant on every function of the regions that have functions as account-wide: a scanned region without functions does not split it", () => {
    // `scan --regions all` lists every region, most of them empty; a CI role scoped to the region it deploys to
    // invokes every function there is.
    const scan = (unlisted?: string) => {
      const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "ap-south-1", "eu-north-1"] });
      const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
      b.fn({ region: "us-east-1", name: "a", runtime: "nodejs22.x", role: exec });
      b.fn({ region: "us-east-1", name: "b", runtime: "nodejs22.x", role: exec });
      b.role({ name: "ci", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }) } as never });
      if (unlisted) b.error({ region: unlisted, operation: "ListFunctions", code: "AccessDeniedException", message: "denied" });
      return modelOf(b);
    };
    const model = scan();
    const { byFunction, accountWide } = identityInvokers(model);
    expect(accountWide.map((w) => [w.principal, w.decision, w.exceptions])).toEqual([[roleArn("ci"), "allowed", []]]);
    expect(byFunction.size).toBe(0);
    checkAgainstEveryPair(model);
    // A region whose functions could not be listed may hold functions the grant leaves out: the entry says its region.
    const partial = scan("eu-north-1");
    expect(identityInvokers(partial).accountWide.map((w) => [w.principal, w.regions])).toEqual([[roleArn("ci"), ["us-east-1"]]]);
    expect(identityInvokers(partial).byFunction.size).toBe(0);
    checkAgainstEveryPair(partial);
  });

  it("appears in the report: per function among its invokers, account-wide at the top", () => {
    const model = account((b, fns) => {
      b.role({ name: "ci", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.b }) } as never });
      b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
    });
    const report = analyzeModel(model);
    const fb = report.functions.find((f) => f.name === "b")!;
    expect(fb.invokers).toContainEqual(expect.objectContaining({ via: "identity-policy", principal: roleArn("ci") }));
    expect(report.accountInvokers?.map((i) => i.principal)).toEqual([roleArn("admin")]);
    // Drawn as the role's principal node invoking the function, the edge saying how.
    const edge = report.graph.edges.find((e) => e.kind === "invokes" && e.target === `fn:${fb.arn}`);
    expect(edge).toMatchObject({ source: `p:role:${roleArn("ci")}`, label: "identity policy" });
    expect(report.graph.nodes.find((n) => n.id === edge?.source)).toMatchObject({ kind: "principal", label: "ci", principalType: "role" });
    // The account-wide role is not drawn on every function.
    expect(report.graph.nodes.some((n) => n.ref === roleArn("admin"))).toBe(false);
  });
});

/**
 * The oracle: every role of the account asked about every function, its $LATEST, its aliases and its published
 * versions, one by one, for
 * InvokeFunction and for InvokeAsync. The report must give each pair the evaluator's answer: through the account-wide
 * entry for that action (or its exception), through a per-function entry with that action, or, when it lists nothing,
 * the pair must not let the role in through its own policies. InvokeAsync is listed only where it is more open than
 * the role's InvokeFunction listing on the function: none or shut, or conditional where InvokeAsync is allowed (an
 * account-wide InvokeAsync entry aside). On the function or its `$LATEST`, that listing is the one on those two: an
 * alias or version the role may invoke runs other code and does not stand for the unqualified way in.
 */
function checkAgainstEveryPair(model: AccountModel): number {
  const { byFunction, accountWide } = identityInvokers(model);
  let asked = 0;
  for (const role of [...model.roles.values(), ...model.users.values()] as PrincipalModel[]) {
    if (role.kind === "role" && unassumable(role as RoleModel)) {
      // Its grant is no one's: listed nowhere, whatever the evaluator says of its policies.
      expect([...byFunction.values()].flat().some((i) => i.principal === role.arn), role.arn).toBe(false);
      expect(accountWide.some((w) => w.principal === role.arn), role.arn).toBe(false);
      continue;
    }
    for (const fn of model.functions) {
      const invoke = invokeListing(byFunction, accountWide, fn, role.arn);
      const invokeUnqualified = invokeListing(byFunction, accountWide, fn, role.arn, true);
      const invokeOn = (arn: string) => (arn === fn.arn || arn === `${fn.arn}:$LATEST` ? invokeUnqualified : invoke);
      for (const action of [INVOKE, ASYNC]) {
        const latest = `${fn.arn}:$LATEST`;
        const targets = [fn.arn, latest, ...qualifiedTargets(fn)];
        const unqualified = roleDecision(model, role, { action, resource: fn.arn });
        const current = isOpen(unqualified) || isOpen(roleDecision(model, role, { action, resource: latest }));
        const w = wideFor(accountWide, role.arn, action, fn);
        const entries = entriesOf(byFunction, fn, role.arn, action);
        for (const e of action === ASYNC ? entries : []) {
          const than = invokeOn(e.qualifier ?? fn.arn);
          const moreOpen = than === undefined || !isOpen(than) || (than === "conditional" && e.decision === "allowed");
          expect(moreOpen, `${role.arn} → ${e.qualifier ?? fn.arn}: listed for InvokeAsync no more open than for InvokeFunction (${than})`).toBe(true);
        }
        for (const arn of targets) {
          asked++;
          // A grant on every function answers a version whose policy the snapshot lacks as if it had none (AccountInvoker).
          const expected = w && unreadVersion(fn, arn) ? silentPolicyDecision(model, role, action, fn, arn) : roleDecision(model, role, { action, resource: arn });
          let actual: Decision | undefined;
          // $LATEST takes its function's answer unless it has an exception of its own.
          const answer = (of: string) => w?.exceptions.find((e) => e.function === of)?.decision;
          if (w) actual = answer(arn) ?? (arn === latest ? (answer(fn.arn) ?? w.decision) : w.decision);
          else {
            const entry = entries.find((i) => (i.qualifier ?? fn.arn) === arn);
            actual = entry?.decision;
            // Listed once: on the function, else on $LATEST (the same code), else on each alias and version.
            if (!entry && arn !== fn.arn && (isOpen(unqualified) || (arn !== latest && current))) continue;
          }
          if (actual === undefined) {
            // Not listed: the role's own policies must not let it in (a resource-policy grant is the invoker list's),
            // or, for InvokeAsync, the role is listed on the function for InvokeFunction as openly.
            const than = invokeOn(arn);
            const covered = action === ASYNC && (than === "allowed" || (than === "conditional" && expected !== "allowed"));
            if (isOpen(expected) && !covered) expect(identityAlone(model, role.arn, arn, action), `${role.arn} → ${arn} (${action})`).toBe(false);
            continue;
          }
          expect(actual, `${role.arn} → ${arn} (${action})`).toBe(expected);
        }
      }
    }
  }
  return asked;
}

/** A trust policy read and holding no Allow of an assume call: no principal gets the role's session. */
function unassumable(role: RoleModel): boolean {
  const assume = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];
  return role.trust !== undefined && !role.trust.statements.some((st) => st.effect === "Allow" && assume.some((a) => statementCoversAction(st, a)));
}

/** The function's aliases and published versions (the versions its list holds: `$LATEST` is asked on its own). */
function qualifiedTargets(fn: FunctionModel): string[] {
  const versions = fn.versions.map((v) => v.Version).filter((v): v is string => typeof v === "string" && v !== "$LATEST");
  return [...fn.aliases.map((a) => a.AliasArn), ...versions.map((v) => `${fn.arn}:${v}`)];
}

/** A published version of `fn` whose own resource policy the snapshot lacks. */
function unreadVersion(fn: FunctionModel, arn: string): boolean {
  const own = fn.unknownOps.has("GetPolicy") || fn.unknownOps.has("GetResourcePolicy") || fn.unreadPolicies.has(arn);
  return own && fn.versions.some((v) => `${fn.arn}:${v.Version}` === arn);
}

/** The evaluator's answer had the version's resource policy been read and found empty. */
function silentPolicyDecision(model: AccountModel, role: PrincipalModel, action: string, fn: FunctionModel, arn: string): Decision {
  const read = (ops: Set<string>) => new Set([...ops].filter((op) => op !== "GetPolicy" && op !== "GetResourcePolicy"));
  const patched: FunctionModel = { ...fn, unknownOps: read(fn.unknownOps), unreadPolicies: new Set([...fn.unreadPolicies].filter((a) => a !== arn)) };
  return roleDecision({ ...model, functionsByArn: new Map(model.functionsByArn).set(fn.arn, patched) }, role, { action, resource: arn });
}

/** The role's per-function entries on `fn` for `action`. */
function entriesOf(byFunction: Map<string, Invoker[]>, fn: FunctionModel, role: string, action: string): Invoker[] {
  return (byFunction.get(fn.arn) ?? []).filter((i) => i.principal === role && i.actions?.[0] === action && i.actions.length === 1);
}

/** The role's account-wide entry for `action` that speaks for `fn`'s region (one for some regions speaks for theirs only). */
function wideFor(accountWide: AccountInvoker[], role: string, action: string, fn: FunctionModel): AccountInvoker | undefined {
  const w = accountWide.find((a) => a.principal === role && (a.actions?.[0] ?? INVOKE) === action);
  return w && (!w.regions || w.regions.includes(fn.region)) ? w : undefined;
}

/**
 * The most open answer the role is listed with for InvokeFunction on `fn` (unqualified, `$LATEST`, an alias or a
 * version; with `unqualifiedOnly`, on the function or its `$LATEST` alone): its per-function entries and its
 * account-wide entry; undefined when listed neither way.
 */
function invokeListing(byFunction: Map<string, Invoker[]>, accountWide: AccountInvoker[], fn: FunctionModel, role: string, unqualifiedOnly = false): Decision | undefined {
  const latest = `${fn.arn}:$LATEST`;
  const entries = entriesOf(byFunction, fn, role, INVOKE).filter((i) => !unqualifiedOnly || !i.qualifier || i.qualifier === latest);
  const decisions = entries.map((i) => i.decision as Decision);
  const w = wideFor(accountWide, role, INVOKE, fn);
  if (w) {
    const answer = (of: string) => w.exceptions.find((e) => e.function === of)?.decision;
    const own = answer(fn.arn) ?? w.decision;
    decisions.push(own, answer(latest) ?? own);
    if (!unqualifiedOnly) decisions.push(...qualifiedTargets(fn).map((arn) => answer(arn) ?? w.decision));
  }
  return decisions.sort((a, b) => DECISION_RANK[a] - DECISION_RANK[b])[0];
}

/**
 * Whether the caller's own policies (identity within its boundary) let it in, the target's resource policy aside: a
 * grant that reaches it past its boundary (its session, `*`) is the resource policy's invoker list's, not this one's.
 */
function identityAlone(model: AccountModel, role: string, arn: string, action = INVOKE): boolean {
  const caller = (model.roles.get(role) ?? model.users.get(role))!;
  const own = { identity: caller.identity, boundary: caller.boundary, boundaryUnreadable: caller.boundaryArn !== undefined && caller.boundary === undefined };
  return isOpen(evaluateDecision(own, roleRequest(caller, { action, resource: arn })));
}

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

describe("IAM users as identity invokers", () => {
  it("lists a CI user whose group's policy names one function, citing the group's statement", () => {
    const model = account((b, fns) => {
      b.group({ name: "deployers", inline: { "invoke-deploy": doc({ Sid: "Deploy", Effect: "Allow", Action: INVOKE, Resource: fns.a }) } as never });
      b.user({ name: "ci-deploy", groups: ["deployers"] });
      b.user({ name: "reader", inline: { p: doc({ Effect: "Allow", Action: "lambda:Get*", Resource: "*" }) } as never });
    });
    const { byFunction, accountWide, unreadCallers } = identityInvokers(model);
    expect(byFunction.get(model.functions[0]!.arn)).toEqual([
      { via: "identity-policy", principal: userArn("ci-deploy"), principalType: "user", decision: "allowed", actions: [INVOKE], statements: ["group deployers: invoke-deploy#Deploy"] },
    ]);
    expect(byFunction.has(model.functions[1]!.arn)).toBe(false);
    expect(accountWide).toEqual([]);
    expect(unreadCallers).toEqual([]);
    checkAgainstEveryPair(model);
  });

  it("lists a break-glass admin user (AdministratorAccess) once for the account", () => {
    const model = account((b) => {
      b.user({ name: "break-glass", managed: [b.attachAwsManaged("AdministratorAccess")] });
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect(byFunction.size).toBe(0);
    expect(accountWide).toEqual([{ principal: userArn("break-glass"), principalType: "user", decision: "allowed", statements: ["AdministratorAccess#0"], exceptions: [] }]);
    checkAgainstEveryPair(model);
  });

  it("leaves out a user its boundary or a group's Deny stops", () => {
    const model = account((b, fns) => {
      const s3Only = b.managedPolicy({ name: "s3-only", document: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) as never });
      b.group({ name: "no-invoke", inline: { p: doc({ Effect: "Deny", Action: "lambda:Invoke*", Resource: "*" }) } as never });
      b.user({ name: "bounded", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: fns.a }) } as never, boundary: s3Only });
      b.user({ name: "denied", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never, groups: ["no-invoke"] });
    });
    const { byFunction, accountWide } = identityInvokers(model);
    expect([...byFunction.values()].flat()).toEqual([]);
    expect(accountWide).toEqual([]);
    checkAgainstEveryPair(model);
  });

  it("answers from what a user's request carries: its name, id, type and tags", () => {
    const model = account((b, fns) => {
      const byName = doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:lambda:*:*:function:${aws:username}" });
      b.user({ name: "a", inline: { own: byName } as never });
      b.user({ name: "typed", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.b, Condition: { StringEquals: { "aws:PrincipalType": "User" } } }) } as never });
      b.user({ name: "tagged", tags: { team: "orders" }, inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.b, Condition: { StringEquals: { "aws:PrincipalTag/team": "orders" } } }) } as never });
      b.user({ name: "untagged", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.b, Condition: { StringEquals: { "aws:PrincipalTag/team": "orders" } } }) } as never });
      b.user({ name: "mfa", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.b, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }) } as never });
    });
    const [fa, fb] = model.functions;
    const { byFunction } = identityInvokers(model);
    const on = (fn: typeof fa) => (byFunction.get(fn!.arn) ?? []).map((i) => [i.principal, i.decision]);
    // ${aws:username} names the function called like the user; the type and tags are known; MFA is not.
    expect(on(fa)).toEqual([[userArn("a"), "allowed"]]);
    expect(on(fb)).toEqual([
      [userArn("typed"), "allowed"],
      [userArn("tagged"), "allowed"],
      [userArn("mfa"), "conditional"],
    ]);
    checkAgainstEveryPair(model);
  });

  it("a group or managed policy the snapshot cannot give makes the user's answers conditional and names it, never 'cannot invoke'", () => {
    const model = account((b, fns) => {
      b.group({ name: "broken-group", inline: { p: "{not json" } as never });
      b.user({ name: "in-missing-group", groups: ["gone"], inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fns.a }) } as never });
      b.user({ name: "in-broken-group", groups: ["broken-group"] });
      b.user({ name: "missing-managed", managed: [`arn:aws:iam::${ACCOUNT}:policy/not-in-snapshot`] });
    });
    const { byFunction, unreadCallers } = identityInvokers(model);
    expect(byFunction.get(model.functions[0]!.arn)).toEqual([expect.objectContaining({ principal: userArn("in-missing-group"), principalType: "user", decision: "conditional" })]);
    expect(unreadCallers).toEqual([userArn("in-broken-group"), userArn("in-missing-group"), userArn("missing-managed")]);
    expect(model.users.get(userArn("in-missing-group"))?.unreadable).toEqual(["group gone: not in the snapshot"]);
    expect(model.users.get(userArn("in-broken-group"))?.unreadable).toEqual([expect.stringMatching(/^group broken-group inline policy p: /)]);
    // The broken group is reported once, as a problem of its own; the rest of the account is analysed.
    expect(model.problems.filter((p) => p.where.startsWith("group broken-group"))).toHaveLength(1);
    checkAgainstEveryPair(model);
  });
});

describe("identityInvokers against asking every pair", () => {
  it("the demo account", () => {
    const model = buildAccountModel(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))));
    expect(checkAgainstEveryPair(model)).toBeGreaterThan(1000);
  });

  it("a synthetic account", () => {
    const model = buildAccountModel(parseSnapshot(generateSyntheticSnapshot({ functions: 300, roles: 150, seed: 7 })));
    expect(identityInvokers(model).accountWide.length).toBeGreaterThan(0);
    checkAgainstEveryPair(model);
  });

  it("roles and policies built to tell a function from the probe", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "eu-west-1"] });
    const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
    const fn = (region: string, name: string) => b.fn({ region, name, runtime: "nodejs22.x", role: exec });
    const plain = fn("us-east-1", "plain");
    const secret = fn("us-east-1", "secret-store");
    const open = fn("eu-west-1", "open-to-account");
    const svc = fn("eu-west-1", "s3-fed");
    const unread = fn("us-east-1", "unread-policy");
    b.version(plain, "1");
    const live = b.alias(plain, "live", "1");
    b.resourcePolicy(live, doc({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: live }));
    b.resourcePolicy(open, doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: INVOKE, Resource: open }));
    b.permission(svc, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::bucket", sourceAccount: ACCOUNT });
    // Siblings of "plain", for a role naming them: one denied by the role itself, one whose policy grants that role
    // (before and after a plain sibling, so the group's answer is both made and reused around it).
    const grantsSiblings = (arn: string) => b.resourcePolicy(arn, doc({ Effect: "Allow", Principal: { AWS: roleArn("siblings-cond") }, Action: INVOKE, Resource: arn }));
    grantsSiblings(fn("us-east-1", "plain-0"));
    fn("us-east-1", "plain-1");
    const deniedSibling = fn("us-east-1", "plain-2");
    grantsSiblings(fn("us-east-1", "plain-3"));
    fn("eu-west-1", "plain-4");
    b.role({
      name: "siblings",
      inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:plain*` }, { Effect: "Deny", Action: INVOKE, Resource: deniedSibling }) } as never,
    });
    b.role({
      name: "siblings-east",
      inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:plain*`, Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }) } as never,
    });
    b.role({
      name: "siblings-cond",
      inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:plain*`, Condition: { StringEquals: { "aws:ResourceTag/app": "plain" } } }) } as never,
    });
    const named = fn("us-east-1", "names-a-role");
    b.resourcePolicy(named, doc({ Effect: "Allow", Principal: { AWS: roleArn("by-tag") }, Action: INVOKE, Resource: named }));
    b.error({ operation: "GetPolicy", target: unread, code: "AccessDeniedException", message: "denied" });
    b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
    // Grants on one region's functions: by ARN (with a Deny on one there), by condition (with a name elsewhere).
    b.role({ name: "east-only", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }, { Effect: "Deny", Action: INVOKE, Resource: secret }) } as never });
    b.role({
      name: "west-by-condition",
      inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }, { Effect: "Allow", Action: INVOKE, Resource: plain }) } as never,
    });
    // Allowed on every function of us-east-1, conditional on every one of eu-west-1: one entry for the first.
    b.role({
      name: "east-open-west-ip",
      inline: {
        p: doc(
          { Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` },
          { Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*`, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
        ),
      } as never,
    });
    b.role({ name: "not-secret", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: `arn:aws:lambda:*:*:function:secret-*` }) } as never });
    b.role({ name: "deny-secret", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: secret }) } as never });
    b.role({ name: "deny-latest", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: `${secret}:$LATEST` }) } as never });
    b.role({ name: "qualified-only", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*:*` }) } as never });
    b.role({ name: "plain-qualified", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `${plain}:*` }) } as never });
    b.role({ name: "by-tag", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "x" } } }) } as never });
    b.role({ name: "by-variable", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:lambda:*:*:function:${aws:PrincipalTag/app}*" }) } as never, tags: { app: "plain" } } as never);
    // Variables the session fixes (tags, account), leaves open (aws:userid) or lacks (aws:username, an absent tag).
    const fnPattern = (name: string) => `arn:aws:lambda:*:\${aws:PrincipalAccount}:function:${name}`;
    b.role({ name: "by-account", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fnPattern("plain-*") }) } as never });
    b.role({ name: "by-username", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fnPattern("${aws:username}*") }, { Effect: "Allow", Action: INVOKE, Resource: fnPattern("s3-*") }) } as never });
    b.role({ name: "by-userid", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fnPattern("${aws:userid}*") }) } as never });
    b.role({ name: "not-tagged", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: fnPattern("${aws:PrincipalTag/keep}*") }) } as never, tags: { keep: "plain" } } as never);
    b.role({ name: "not-absent", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: fnPattern("${aws:PrincipalTag/none}*") }) } as never });
    b.role({ name: "star-tag", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fnPattern("${aws:PrincipalTag/app}") }) } as never, tags: { app: "*" } } as never);
    const tagBoundary = b.managedPolicy({ name: "tag-bnd", document: doc({ Effect: "Allow", Action: INVOKE, Resource: fnPattern("${aws:PrincipalTag/app}*") }) as never });
    b.role({ name: "tag-bounded", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never, boundary: tagBoundary, tags: { app: "open" } } as never);
    b.role({ name: "prefix", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*-*` }) } as never });
    // InvokeAsync: alone, by name and on every function; beside InvokeFunction on other functions; under a Deny of one.
    b.role({ name: "async-plain", inline: { p: doc({ Effect: "Allow", Action: ASYNC, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:plain*` }) } as never });
    b.role({ name: "async-all-east", inline: { p: doc({ Effect: "Allow", Action: ASYNC, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }) } as never });
    b.role({ name: "async-beside", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: plain }, { Effect: "Allow", Action: "lambda:Invoke*", Resource: `arn:aws:lambda:*:${ACCOUNT}:function:s3-*` }, { Effect: "Allow", Action: ASYNC, Resource: "*" }) } as never });
    b.role({ name: "async-west-deny", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }, { Effect: "Allow", Action: ASYNC, Resource: "*" }, { Effect: "Deny", Action: ASYNC, Resource: secret }) } as never });
    const asyncTarget = fn("us-east-1", "async-target");
    b.resourcePolicy(asyncTarget, doc({ Effect: "Allow", Principal: { AWS: roleArn("async-plain") }, Action: ASYNC, Resource: asyncTarget }, { Effect: "Deny", Principal: { AWS: roleArn("async-beside") }, Action: INVOKE, Resource: asyncTarget, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }));
    const boundary = b.managedPolicy({ name: "bnd", document: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:*:*` }) as never });
    b.role({ name: "bounded-admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never, boundary });
    // IAM users, asked as roles are: through groups, by their name, under a boundary, with a Deny on one function.
    b.group({ name: "ops", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: secret }) } as never });
    b.group({ name: "plain-callers", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: `arn:aws:lambda:*:*:function:secret-*` }) } as never });
    b.user({ name: "ops-user", groups: ["ops"] });
    b.user({ name: "plain", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: fnPattern("${aws:username}*") }) } as never });
    b.user({ name: "bounded-user", groups: ["plain-callers"], boundary });
    b.user({ name: "east-user", tags: { region: "us-east-1" }, inline: { p: doc({ Effect: "Allow", Action: ASYNC, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "${aws:PrincipalTag/region}" } } }) } as never });
    const model = modelOf(b);
    checkAgainstEveryPair(model);
    expect(identityInvokers(model).accountWide.find((w) => w.principal === userArn("ops-user"))?.exceptions).toContainEqual({ function: secret, decision: "explicitly-denied" });
    // The shortcut really ran: some roles are account-wide with exceptions.
    const wide = identityInvokers(model).accountWide;
    expect(wide.find((w) => w.principal === roleArn("admin"))?.exceptions.map((e) => e.function).sort()).toEqual([live, unread].sort());
    // A resource-policy Allow cannot change "allowed" but does change "conditional".
    expect(wide.find((w) => w.principal === roleArn("by-tag"))?.exceptions).toContainEqual({ function: named, decision: "allowed" });
    // One region's grants are entries for that region, the rest per function.
    expect(wide.find((w) => w.principal === roleArn("east-only"))?.regions).toEqual(["us-east-1"]);
    expect(wide.find((w) => w.principal === roleArn("west-by-condition"))?.regions).toEqual(["eu-west-1"]);
    expect(identityInvokers(model).byFunction.get(plain)?.map((i) => i.principal)).toContain(roleArn("west-by-condition"));
    expect(wide.find((w) => w.principal === roleArn("east-open-west-ip"))).toMatchObject({ decision: "allowed", regions: ["us-east-1"] });
    expect(identityInvokers(model).byFunction.get(svc)).toContainEqual(expect.objectContaining({ principal: roleArn("east-open-west-ip"), decision: "conditional" }));
  });

  // A red team's account against the regional entries: none of it broke the oracle.
  it("several regions, partial listings, empty regions, region wildcards, NotResource, regional Deny, IfExists and negated RequestedRegion, boundaries, aliases, function policies", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "us-west-2", "eu-west-1", "ap-south-1", "eu-central-1"] });
    const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
    const fn = (region: string, name: string) => b.fn({ region, name, runtime: "nodejs22.x", role: exec });
    const e1 = fn("us-east-1", "e1");
    const e2 = fn("us-east-1", "e2");
    const e3 = fn("us-east-1", "e3");
    const w1 = fn("us-west-2", "w1");
    const eu1 = fn("eu-west-1", "eu1");
    const eu2 = fn("eu-west-1", "eu2");
    b.version(e1, "1");
    const live = b.alias(e1, "live", "1");
    b.version(eu1, "1");
    const euLive = b.alias(eu1, "live", "1");
    // eu-west-1 listed only in part; eu-central-1 not listed at all (no functions known); ap-south-1 empty.
    b.error({ region: "eu-west-1", operation: "ListFunctions", code: "ThrottlingException", message: "Rate exceeded" });
    b.error({ region: "eu-central-1", operation: "ListFunctions", code: "AccessDeniedException", message: "denied" });
    b.error({ operation: "GetPolicy", target: e3, code: "AccessDeniedException", message: "denied" });
    b.resourcePolicy(e2, doc({ Effect: "Deny", Principal: { AWS: roleArn("us-star") }, Action: INVOKE, Resource: e2 }));
    b.resourcePolicy(live, doc({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: live, Condition: { StringNotEquals: { "aws:PrincipalArn": roleArn("admin") } } }));
    b.resourcePolicy(euLive, doc({ Effect: "Allow", Principal: { AWS: roleArn("cond") }, Action: INVOKE, Resource: euLive }));
    b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
    b.role({ name: "us-star", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-*:${ACCOUNT}:function:*` }) } as never });
    b.role({ name: "us-star-q", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-*:${ACCOUNT}:function:*:*` }) } as never });
    b.role({ name: "not-eu", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: `arn:aws:lambda:eu-*:*:*` }) } as never });
    b.role({ name: "not-eu-ish", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: `arn:aws:lambda:eu-west-1:*:function:eu1` }) } as never });
    b.role({ name: "deny-west", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-west-2" } } }) } as never });
    b.role({ name: "ifexists", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEqualsIfExists: { "aws:RequestedRegion": "us-east-1" } } }) } as never });
    b.role({ name: "negated", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "us-west-2"] } } }) } as never });
    b.role({ name: "like-us", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringLike: { "aws:RequestedRegion": "us-*" } } }) } as never });
    b.role({ name: "cond", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }) } as never });
    b.role({ name: "cond-east", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }, { Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }) } as never });
    const bnd = b.managedPolicy({ name: "bnd-region", document: doc({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }) as never });
    b.role({ name: "bounded", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never, boundary: bnd });
    const bndDeny = b.managedPolicy({ name: "bnd-deny", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, NotResource: `arn:aws:lambda:us-east-1:*:*` }) as never });
    b.role({ name: "bounded-deny", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }) } as never, boundary: bndDeny });
    b.role({ name: "deny-latest-west", inline: { p: doc({ Effect: "Allow", Action: "lambda:Invoke*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: `arn:aws:lambda:eu-west-1:*:function:*:$LATEST` }) } as never });
    const model = modelOf(b);
    checkAgainstEveryPair(model);
  });

  // A red team's account against InvokeAsync and trust policies: none of it broke the oracle.
  it("InvokeAsync by NotAction, wildcards and case; Denies and boundaries on one action; regional entries beside async grants; trust policies", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "eu-west-1"] });
    const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
    const fn = (region: string, name: string) => b.fn({ region, name, runtime: "nodejs22.x", role: exec });
    const e1 = fn("us-east-1", "e1");
    const e2 = fn("us-east-1", "e2");
    const w1 = fn("eu-west-1", "w1");
    const w2 = fn("eu-west-1", "w2");
    b.version(e1, "1");
    const live = b.alias(e1, "live", "1");
    b.version(w1, "1");
    const wLive = b.alias(w1, "live", "1");
    b.resourcePolicy(live, doc({ Effect: "Deny", Principal: "*", Action: ASYNC, Resource: live }));
    b.resourcePolicy(wLive, doc({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: wLive }));
    b.resourcePolicy(e2, doc({ Effect: "Deny", Principal: "*", Action: "lambda:Invoke*", Resource: [e2, `${e2}:*`] }));
    b.resourcePolicy(w2, doc({ Effect: "Allow", Principal: { AWS: roleArn("cond-sync-async") }, Action: ASYNC, Resource: w2 }));
    const grant = (name: string, ...statements: unknown[]) => b.role({ name, inline: { p: doc(...statements) } as never });
    grant("not-invoke", { Effect: "Allow", NotAction: INVOKE, Resource: "*" });
    grant("not-invoke-named", { Effect: "Allow", NotAction: [INVOKE, "s3:*"], Resource: e1 });
    grant("not-async", { Effect: "Allow", NotAction: ASYNC, Resource: "*" });
    grant("invoke-star", { Effect: "Allow", Action: "lambda:Invoke*", Resource: e1 });
    grant("star-async", { Effect: "Allow", Action: "lambda:*Async", Resource: "*" });
    grant("upper", { Effect: "Allow", Action: "LAMBDA:invokeasync", Resource: `arn:aws:lambda:*:${ACCOUNT}:function:w*` });
    grant("deny-async-only", { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: ASYNC, Resource: e1 });
    grant("deny-invoke-w", { Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*` });
    grant("deny-invoke-latest", { Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: [`${e1}:$LATEST`, e1] });
    grant("deny-invoke-alias", { Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: [e1, `${e1}:$LATEST`] }, { Effect: "Deny", Action: ASYNC, Resource: e1 });
    grant("east-invoke-async-all", { Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }, { Effect: "Allow", Action: ASYNC, Resource: "*" });
    grant("east-by-region-async-all", { Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }, { Effect: "Allow", Action: ASYNC, Resource: "*" });
    grant("async-all-invoke-some", { Effect: "Allow", Action: ASYNC, Resource: "*" }, { Effect: "Allow", Action: INVOKE, Resource: [e1, w1] });
    grant("async-all-deny-some", { Effect: "Allow", Action: ASYNC, Resource: "*" }, { Effect: "Deny", Action: ASYNC, Resource: [e2, `${w1}:*`] });
    grant("async-east-invoke-west", { Effect: "Allow", Action: ASYNC, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }, { Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*` });
    grant("cond-sync-async", { Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }, { Effect: "Allow", Action: ASYNC, Resource: "*" });
    grant("qualified-async", { Effect: "Allow", Action: ASYNC, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*:*` }, { Effect: "Allow", Action: INVOKE, Resource: e1 });
    const asyncBoundary = b.managedPolicy({ name: "async-bnd", document: doc({ Effect: "Allow", Action: ASYNC, Resource: "*" }) as never });
    const invokeBoundary = b.managedPolicy({ name: "invoke-bnd", document: doc({ Effect: "Allow", Action: INVOKE, Resource: "*" }) as never });
    const eastAsyncBoundary = b.managedPolicy({ name: "east-async-bnd", document: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: ASYNC, Resource: `arn:aws:lambda:eu-west-1:*:*` }) as never });
    b.role({ name: "admin-async-bnd", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never, boundary: asyncBoundary });
    b.role({ name: "async-invoke-bnd", inline: { p: doc({ Effect: "Allow", Action: ASYNC, Resource: "*" }) } as never, boundary: invokeBoundary });
    b.role({ name: "admin-east-async-bnd", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never, boundary: eastAsyncBoundary });
    // Trust policies: who may assume the role.
    const trusted = (name: string, trust: unknown) => b.role({ name, trust, inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*" }) } } as never);
    trusted("trust-empty", { Version: "2012-10-17", Statement: [] });
    trusted("trust-deny", doc({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }));
    trusted("trust-tag", doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: ["sts:TagSession", "sts:SetSourceIdentity"] }));
    trusted("trust-wild", doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole*" }));
    trusted("trust-not-action", doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, NotAction: "sts:TagSession" }));
    trusted("trust-not-principal", doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole" }));
    trusted("trust-service", doc({ Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" }));
    trusted("trust-saml", doc({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/idp` }, Action: "sts:AssumeRoleWithSAML" }));
    trusted("trust-lower", doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "STS:assumerole" }));
    trusted("trust-star", doc({ Effect: "Allow", Principal: "*", Action: "*" }));
    trusted("trust-malformed", "{not json");
    trusted("trust-no-statement", { Version: "2012-10-17" });
    trusted("trust-deny-and-allow", doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }, { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }));
    const model = modelOf(b);
    checkAgainstEveryPair(model);
    const { byFunction, accountWide } = identityInvokers(model);
    const listed = new Set([...accountWide.map((w) => w.principal), ...[...byFunction.values()].flat().map((i) => i.principal)]);
    for (const name of ["trust-wild", "trust-not-action", "trust-not-principal", "trust-service", "trust-saml", "trust-lower", "trust-star", "trust-malformed", "trust-deny-and-allow"]) {
      expect(listed.has(roleArn(name)), name).toBe(true);
    }
    for (const name of ["trust-empty", "trust-deny", "trust-tag"]) expect(listed.has(roleArn(name)), name).toBe(false);
  });

  it("published versions: unread policies, qualified Denies and grants, region conditions, every-function and per-function roles", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "eu-west-1"] });
    const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
    const e1 = b.fn({ region: "us-east-1", name: "e1", runtime: "nodejs22.x", role: exec });
    const e2 = b.fn({ region: "us-east-1", name: "e2", runtime: "nodejs22.x", role: exec });
    const w1 = b.fn({ region: "eu-west-1", name: "w1", runtime: "nodejs22.x", role: exec });
    for (const fn of [e1, e2, w1]) for (const v of ["1", "2", "3"]) b.version(fn, v);
    b.alias(e1, "live", "2");
    b.error({ operation: "GetPolicy", target: `${e1}:3`, code: "AccessDeniedException", message: "denied" });
    b.error({ operation: "GetPolicy", target: e2, code: "AccessDeniedException", message: "denied" });
    b.resourcePolicy(`${w1}:2`, doc({ Effect: "Deny", Principal: "*", Action: "lambda:Invoke*", Resource: `${w1}:2` }));
    b.resourcePolicy(`${w1}:1`, doc({ Effect: "Allow", Principal: { AWS: roleArn("cond") }, Action: ASYNC, Resource: `${w1}:1` }));
    const grant = (name: string, ...statements: unknown[]) => b.role({ name, inline: { p: doc(...statements) } as never });
    grant("admin", { Effect: "Allow", Action: "*", Resource: "*" });
    grant("deny-qualified", { Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*:*` });
    grant("deny-fn-latest", { Effect: "Allow", Action: "lambda:*", Resource: "*" }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: [e1, `${e1}:$LATEST`] });
    grant("east", { Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } });
    grant("cond", { Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }, { Effect: "Allow", Action: ASYNC, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*:1` });
    grant("ones", { Effect: "Allow", Action: "lambda:Invoke*", Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*:1` });
    grant("e1-three", { Effect: "Allow", Action: INVOKE, Resource: `${e1}:3` });
    grant("qualified-not-latest", { Effect: "Allow", Action: INVOKE, Resource: `${e1}:*` }, { Effect: "Deny", Action: INVOKE, Resource: `${e1}:$LATEST` });
    const model = modelOf(b);
    checkAgainstEveryPair(model);
    const listed = (role: string) => [...identityInvokers(model).byFunction.values()].flat().filter((i) => i.principal === roleArn(role)).map((i) => i.qualifier?.split(":").slice(6).join(":"));
    expect(listed("ones")).toEqual(["w1:1", "e1:1", "e2:1"]);
    expect(listed("qualified-not-latest")).toEqual(["e1:live", "e1:1", "e1:2", "e1:3"]);
  });

  it("a region whose functions were listed only in part: its functions are asked themselves", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "eu-west-1"] });
    const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
    b.fn({ region: "us-east-1", name: "east", runtime: "nodejs22.x", role: exec });
    b.fn({ region: "eu-west-1", name: "west", runtime: "nodejs22.x", role: exec });
    b.error({ region: "eu-west-1", operation: "ListFunctions", code: "ThrottlingException", message: "Rate exceeded" });
    b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
    const model = modelOf(b);
    checkAgainstEveryPair(model);
    expect(identityInvokers(model).byFunction.get(model.functions.find((f) => f.region === "eu-west-1")!.arn)).toEqual([
      expect.objectContaining({ principal: roleArn("admin"), decision: "allowed" }),
    ]);
  });
});
