import { describe, expect, it } from "vitest";
import path from "node:path";
import { fixtureReport } from "@/e2e/fixtures/report";
import { analyzeModel, analyzeSnapshot } from "@/lib/analysis/analyze";
import { modelOf, newBuilder } from "@/lib/analysis/test-support";
import type { AccountInvoker, RoleAssumer } from "@/lib/analysis/types";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { graphIndexOf, nodeDetails } from "./graph-view";
import {
  accountInvokersHere,
  accountInvokersSummary,
  accountOutcomeHere,
  assumedByText,
  assumerLine,
  assumerName,
  assumerText,
  ASSUMERS_NAMED,
  identityCallerName,
  identityScopeNote,
  outcomeHere,
  qualifierLabel,
  qualifierOutcomes,
  runBy,
  runByText,
  USERS_NOT_READ_NOTE,
} from "./identity-details";
import { selectVisibleGraph, type GraphIndex } from "./visible-graph";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
const OTHER = "arn:aws:lambda:us-east-1:123456789012:function:ledger";
const admin = (over: Partial<AccountInvoker> = {}): AccountInvoker => ({
  principal: "arn:aws:iam::123456789012:role/admin",
  principalType: "role",
  decision: "allowed",
  statements: ["AdministratorAccess#0"],
  exceptions: [],
  ...over,
});

describe("accountInvokersHere", () => {
  it("gives each role the function's exception if it has one, else the role's answer", () => {
    const list = [admin({ exceptions: [{ function: FN, decision: "explicitly-denied" }] }), admin({ principal: "arn:aws:iam::123456789012:role/ci", decision: "conditional" })];
    expect(accountInvokersHere(list, { arn: FN }).map((a) => [a.principal.split("/").pop(), a.decision])).toEqual([
      ["admin", "explicitly-denied"],
      ["ci", "conditional"],
    ]);
  });

  it("says what a conditional entry waits on where the function takes its answer, not where an exception differs", () => {
    const mfa = admin({ principal: "arn:aws:iam::123456789012:user/break-glass", principalType: "user", decision: "conditional", unknownKeys: ["aws:MultiFactorAuthPresent"], exceptions: [{ function: OTHER, decision: "explicitly-denied" }] });
    const [here] = accountInvokersHere([mfa], { arn: FN });
    expect(accountOutcomeHere(here!)).toBe("may invoke this one (conditional: depends on aws:MultiFactorAuthPresent)");
    const [there] = accountInvokersHere([mfa], { arn: OTHER });
    expect(there?.unknownKeys).toBeUndefined();
    expect(accountOutcomeHere(there!)).toBe("cannot invoke this one: explicitly denied");
  });

  it("names a value AWS may read otherwise that a conditional entry waits on, in the findings' words", () => {
    const b = newBuilder();
    // The role's own tags are in its requests; "1e3" is a number in no form AWS documents.
    const grant = { Effect: "Allow" as const, Action: "lambda:InvokeFunction", Resource: "*", Condition: { NumericLessThan: { "aws:PrincipalTag/tier": "1e3" } } };
    const ops = b.role({ name: "ops", tags: { tier: "5" }, inline: { invoke: { Version: "2012-10-17", Statement: [grant] } } });
    b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
    const entry = analyzeModel(modelOf(b)).accountInvokers?.find((i) => i.principal === ops);
    expect(entry).toMatchObject({ decision: "conditional", undocumentedValues: ['aws:PrincipalTag/tier "1e3"'] });
    const [here] = accountInvokersHere([entry!], { arn: FN });
    expect(accountOutcomeHere(here!)).toBe('may invoke this one (conditional: depends on how AWS reads aws:PrincipalTag/tier "1e3")');
  });

  it("an entry for some regions speaks only for their functions, and says so", () => {
    const WEST = "arn:aws:lambda:eu-west-1:123456789012:function:orders";
    const list = [admin(), admin({ principal: "arn:aws:iam::123456789012:role/east-ci", regions: ["us-east-1"] })];
    expect(accountInvokersHere(list, { arn: FN }).map((a) => [a.principal.split("/").pop(), a.region])).toEqual([
      ["admin", undefined],
      ["east-ci", "us-east-1"],
    ]);
    expect(accountInvokersHere(list, { arn: WEST }).map((a) => a.principal.split("/").pop())).toEqual(["admin"]);
  });

  it("keeps only this function's view: other functions' exceptions are not carried", () => {
    const [here] = accountInvokersHere([admin({ exceptions: [{ function: OTHER, decision: "explicitly-denied" }, { function: `${OTHER}:live`, decision: "conditional" }] })], { arn: FN });
    expect(here).toEqual({ principal: "arn:aws:iam::123456789012:role/admin", statements: ["AdministratorAccess#0"], decision: "allowed", aliases: [] });
  });

  it("lists the aliases answered otherwise than the function, including one that takes the role's answer where the function has an exception", () => {
    const aliases = [
      { name: "live", arn: `${FN}:live` },
      { name: "beta", arn: `${FN}:beta` },
      { name: "canary", arn: `${FN}:canary` },
    ];
    const role = admin({
      exceptions: [
        { function: FN, decision: "explicitly-denied" },
        { function: `${FN}:beta`, decision: "explicitly-denied" },
        { function: `${FN}:canary`, decision: "conditional" },
      ],
    });
    // live has no exception: the role's "allowed", although the unqualified function is denied.
    expect(accountInvokersHere([role], { arn: FN, aliases })[0]?.aliases).toEqual([
      { arn: `${FN}:canary`, decision: "conditional" },
      { arn: `${FN}:live`, decision: "allowed" },
    ]);
    // An exception on an alias the report does not list is still this function's.
    expect(accountInvokersHere([admin({ exceptions: [{ function: `${FN}:old`, decision: "implicitly-denied" }] })], { arn: FN })[0]?.aliases).toEqual([
      { arn: `${FN}:old`, decision: "implicitly-denied" },
    ]);
    // $LATEST takes the function's answer unless it has an exception of its own: a Deny on `fn` alone leaves it open.
    const latest = `${FN}:$LATEST`;
    expect(accountInvokersHere([admin({ exceptions: [{ function: FN, decision: "explicitly-denied" }, { function: latest, decision: "allowed" }] })], { arn: FN })[0]?.aliases).toEqual([
      { arn: latest, decision: "allowed" },
    ]);
    expect(accountInvokersHere([admin({ exceptions: [{ function: FN, decision: "explicitly-denied" }] })], { arn: FN })[0]?.aliases).toEqual([]);
    expect(accountInvokersHere([admin({ exceptions: [{ function: latest, decision: "explicitly-denied" }] })], { arn: FN })[0]?.aliases).toEqual([
      { arn: latest, decision: "explicitly-denied" },
    ]);
    // A published version is named by its exception, as an alias is, and worded as a version.
    const [v7] = accountInvokersHere([admin({ exceptions: [{ function: `${FN}:7`, decision: "explicitly-denied" }] })], { arn: FN })[0]?.aliases ?? [];
    expect(v7).toEqual({ arn: `${FN}:7`, decision: "explicitly-denied" });
    expect(outcomeHere(v7!.decision, qualifierLabel(FN, v7!.arn))).toBe("cannot invoke version 7: explicitly denied");
    // A published version the report lists, without an exception of its own, takes the role's answer as an alias does.
    expect(accountInvokersHere([admin({ exceptions: [{ function: FN, decision: "explicitly-denied" }] })], { arn: FN, versions: ["7", "10"] })[0]?.aliases).toEqual([
      { arn: `${FN}:7`, decision: "allowed" },
      { arn: `${FN}:10`, decision: "allowed" },
    ]);
    // A function whose name starts like this one's is another function.
    expect(accountInvokersHere([admin({ exceptions: [{ function: `${FN}-v2`, decision: "explicitly-denied" }] })], { arn: FN })[0]?.aliases).toEqual([]);
  });
});

describe("texts", () => {
  it("names up to three functions a role runs, sorted, then how many more", () => {
    expect(runByText(runBy(["b", "a"]))).toBe("role of a, b");
    expect(runByText(runBy(["e", "d", "c", "b", "a"]))).toBe("role of a, b, c +2 more");
    expect(runByText(runBy([]))).toBeUndefined();
    expect(runByText(undefined)).toBeUndefined();
  });

  it("says every answer, a denial with its reason", () => {
    expect(outcomeHere("allowed")).toBe("can invoke this one");
    expect(outcomeHere("conditional")).toBe("may invoke this one (conditional)");
    expect(outcomeHere("explicitly-denied")).toBe("cannot invoke this one: explicitly denied");
    expect(outcomeHere("implicitly-denied", "alias live")).toBe("cannot invoke alias live: implicitly denied");
  });

  it("summarises the account-wide roles with how many cannot invoke this function", () => {
    expect(accountInvokersSummary([])).toBeUndefined();
    expect(accountInvokersSummary([{ decision: "allowed" }])).toBe("Also 1 role granted invoke on every function");
    expect(accountInvokersSummary([{ decision: "allowed" }, { decision: "conditional" }, { decision: "implicitly-denied" }])).toBe(
      "Also 3 roles granted invoke on every function; 1 cannot invoke this one",
    );
    expect(accountInvokersSummary([{ decision: "explicitly-denied" }, { decision: "explicitly-denied" }])).toBe(
      "Also 2 roles granted invoke on every function; none of them can invoke this one",
    );
    expect(accountInvokersSummary([{ decision: "explicitly-denied" }])).toBe("Also 1 role granted invoke on every function; it cannot invoke this one");
    expect(accountInvokersSummary([{ decision: "allowed", region: "us-east-1" }])).toBe("Also 1 role granted invoke on every function in us-east-1");
    expect(accountInvokersSummary([{ decision: "allowed" }, { decision: "implicitly-denied", region: "us-east-1" }])).toBe(
      "Also 2 roles granted invoke on every function (1 of them: every one in us-east-1); 1 cannot invoke this one",
    );
    // One that may invoke $LATEST, the same code, can invoke this one.
    const viaLatest = { decision: "explicitly-denied" as const, aliases: [{ arn: `${FN}:$LATEST`, decision: "allowed" as const }] };
    expect(accountInvokersSummary([viaLatest])).toBe("Also 1 role granted invoke on every function");
    expect(accountInvokersSummary([{ ...viaLatest, aliases: [{ arn: `${FN}:live`, decision: "allowed" as const }] }])).toBe(
      "Also 1 role granted invoke on every function; it cannot invoke this one",
    );
  });

  it("does not say a role refused Invoke cannot run the function when it is listed for InvokeAsync", () => {
    const asyncCaller = { via: "identity-policy" as const, principal: "arn:aws:iam::123456789012:role/admin", principalType: "role" as const, actions: ["lambda:InvokeAsync"] };
    const [denied] = accountInvokersHere([admin({ exceptions: [{ function: FN, decision: "explicitly-denied" }] })], { arn: FN, invokers: [asyncCaller] });
    expect(denied?.asyncHere).toBe(true);
    expect(accountOutcomeHere(denied!)).toBe("cannot call Invoke on this one: explicitly denied; InvokeAsync: listed above");
    expect(accountInvokersSummary([denied!])).toBe(
      "Also 1 role granted invoke on every function; it cannot call Invoke on this one, yet it can through InvokeAsync (listed above)",
    );
    expect(accountInvokersSummary([denied!, { decision: "implicitly-denied" }])).toBe(
      "Also 2 roles granted invoke on every function; none of them can call Invoke on this one, yet 1 of them can through InvokeAsync (listed above)",
    );
    expect(accountInvokersSummary([denied!, denied!])).toMatch(/yet both can through InvokeAsync/);
    // Only a refused role, and only one listed through InvokeAsync alone.
    expect(accountInvokersHere([admin()], { arn: FN, invokers: [asyncCaller] })[0]?.asyncHere).toBeUndefined();
    const both = { ...asyncCaller, actions: ["lambda:InvokeFunction", "lambda:InvokeAsync"] };
    expect(accountInvokersHere([admin({ exceptions: [{ function: FN, decision: "explicitly-denied" }] })], { arn: FN, invokers: [both] })[0]?.asyncHere).toBeUndefined();
    expect(accountOutcomeHere({ decision: "explicitly-denied" })).toBe("cannot invoke this one: explicitly denied");
  });

  it("names the published versions a role refused the function and $LATEST may invoke, from the report", () => {
    const b = newBuilder();
    {
      const exec = b.role({ name: "exec" });
      const fn = b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: exec });
      b.fn({ region: "us-east-1", name: "other", runtime: "nodejs22.x", role: exec });
      b.version(fn, "7");
      const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
      b.role({
        name: "admin",
        inline: { p: doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }, { Effect: "Deny", Action: "lambda:InvokeFunction", Resource: [fn, `${fn}:$LATEST`] }) } as never,
      });
    }
    const report = analyzeModel(modelOf(b));
    const orders = report.functions.find((f) => f.name === "orders")!;
    expect(orders.versions).toEqual(["7"]);
    // Reports stay small: a function without versions carries no list.
    expect(report.functions.find((f) => f.name === "other")).not.toHaveProperty("versions");
    const here = accountInvokersHere(report.accountInvokers ?? [], orders);
    expect(here).toEqual([expect.objectContaining({ decision: "explicitly-denied", aliases: [{ arn: `${orders.arn}:7`, decision: "allowed" }] })]);
    expect(qualifierOutcomes(orders.arn, here[0]!.aliases)).toEqual(["can invoke version 7"]);
    // "This one" is the unqualified function, which the role cannot invoke; the line below it names version 7.
    expect(accountInvokersSummary(here)).toBe("Also 1 role granted invoke on every function; it cannot invoke this one");
  });

  it("says the versions with the same answer in one line, in number order, the many counted", () => {
    const versions = Array.from({ length: 12 }, (_, i) => ({ arn: `${FN}:${i + 1}`, decision: "allowed" as const }));
    expect(qualifierOutcomes(FN, [{ arn: `${FN}:$LATEST`, decision: "explicitly-denied" }, ...versions, { arn: `${FN}:live`, decision: "conditional" }])).toEqual([
      "cannot invoke $LATEST: explicitly denied",
      "can invoke versions 1, 2, 3, 4, 5 and 7 more",
      "may invoke alias live (conditional)",
    ]);
    expect(qualifierOutcomes(FN, [{ arn: `${FN}:3`, decision: "allowed" }, { arn: `${FN}:4`, decision: "implicitly-denied" }, { arn: `${FN}:9`, decision: "allowed" }])).toEqual([
      "can invoke versions 3, 9",
      "cannot invoke version 4: implicitly denied",
    ]);
  });

  it("does not say a role refused InvokeAsync here by its account-wide InvokeAsync entry cannot run a function it is listed on for Invoke", () => {
    // The role's own policies: InvokeAsync on every function but this one, InvokeFunction on this one.
    const b = newBuilder();
    {
      const exec = b.role({ name: "exec" });
      const fn = b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: exec });
      b.fn({ region: "us-east-1", name: "other", runtime: "nodejs22.x", role: exec });
      const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
      b.role({
        name: "async-all",
        inline: { p: doc({ Effect: "Allow", Action: "lambda:InvokeAsync", Resource: "*" }, { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }, { Effect: "Deny", Action: "lambda:InvokeAsync", Resource: fn }) } as never,
      });
    }
    const report = analyzeModel(modelOf(b));
    const orders = report.functions.find((f) => f.name === "orders")!;
    expect(orders.invokers).toContainEqual(expect.objectContaining({ via: "identity-policy", actions: ["lambda:InvokeFunction"], decision: "allowed" }));
    const here = accountInvokersHere(report.accountInvokers ?? [], orders);
    expect(here).toEqual([expect.objectContaining({ actions: ["lambda:InvokeAsync"], decision: "explicitly-denied" })]);
    expect(accountOutcomeHere(here[0]!)).toBe("cannot call InvokeAsync on this one: explicitly denied; Invoke: listed above");
    expect(accountInvokersSummary(here)).toBe("Also 1 role granted invoke on every function");
  });

  it("names an IAM user as such, and counts users apart from roles in the every-function line", () => {
    const user = "arn:aws:iam::123456789012:user/ops/break-glass";
    const role = "arn:aws:iam::123456789012:role/admin";
    expect(identityCallerName(user)).toBe("IAM user break-glass");
    expect(identityCallerName(role)).toBe("admin");
    expect(accountInvokersSummary([{ principal: user, decision: "allowed" }])).toBe("Also 1 IAM user granted invoke on every function");
    expect(accountInvokersSummary([{ principal: role, decision: "allowed" }, { principal: user, decision: "explicitly-denied" }])).toBe(
      "Also 1 role and 1 IAM user granted invoke on every function; 1 cannot invoke this one",
    );
    expect(accountInvokersSummary([{ principal: role, decision: "allowed" }, { principal: `${role}2`, decision: "allowed" }])).toBe("Also 2 roles granted invoke on every function");
  });

  it("notes what the lists leave out: IAM users of a snapshot that predates them, unreadable roles and users; nothing when complete", () => {
    expect(identityScopeNote(undefined)).toBeUndefined();
    expect(identityScopeNote({})).toBeUndefined();
    expect(identityScopeNote({ usersNotRead: true })).toBe(USERS_NOT_READ_NOTE);
    expect(identityScopeNote({ unreadRoles: 3 })).toBe("Not listed: 3 roles whose policies could not be read, which may invoke too.");
    expect(identityScopeNote({ unreadRoles: 1, unreadUsers: 2, usersNotRead: true })).toBe(
      `${USERS_NOT_READ_NOTE} Not listed: 1 role and 2 IAM users whose policies could not be read, which may invoke too.`,
    );
  });

  it("names a qualifier as an alias or a version", () => {
    expect(qualifierLabel(FN, `${FN}:live`)).toBe("alias live");
    expect(qualifierLabel(FN, `${FN}:7`)).toBe("version 7");
    expect(qualifierLabel(FN, `${FN}:$LATEST`)).toBe("$LATEST");
    expect(qualifierLabel(FN, OTHER)).toBe(OTHER);
  });
});

const details = (idx: GraphIndex, id: string) =>
  nodeDetails(idx, selectVisibleGraph(idx, { severities: [], services: [], regions: [], onlyFindings: false, focus: null, limit: 40 }), id);

describe("assumedByText", () => {
  const a = (principal: string, kind: RoleAssumer["kind"], over: Partial<RoleAssumer> = {}): RoleAssumer => ({
    principal,
    kind,
    action: "sts:AssumeRole",
    sid: "#0",
    decision: "allowed",
    ...over,
  });

  it("names each assumer for a reader: accounts by number, providers by host or name, services and ARNs as written", () => {
    const text = assumedByText({
      assumers: [
        a("arn:aws:iam::210987654321:root", "other-account"),
        a("arn:aws:iam::210987654321:role/deployer", "other-account"),
        a("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", "federated", {
          action: "sts:AssumeRoleWithWebIdentity",
          conditionSummary: "token.actions.githubusercontent.com:sub = repo:acme/app:*",
        }),
        a("arn:aws:iam::123456789012:saml-provider/okta", "federated", { decision: "conditional" }),
      ],
    });
    expect(text).toBe(
      "assumed by account 210987654321, arn:aws:iam::210987654321:role/deployer, " +
        "OIDC provider token.actions.githubusercontent.com when sub = repo:acme/app:*, SAML provider okta (conditional)",
    );
    expect(assumerText(a("*", "public", { conditionSummary: "PrincipalOrgID = o-abc123" }))).toBe("* (any principal) when PrincipalOrgID = o-abc123");
    expect(assumerText(a("*", "public", { openTo: "any principal of any AWS account" }))).toBe("* (any principal) — open to any principal of any AWS account");
    // An RCP that may still refuse it is named: the reason a grant the trust policy makes outright is conditional.
    const limited = a(`arn:aws:iam::210987654321:root`, "other-account", { decision: "conditional", limitedBy: ["RCP 'Perimeter' (p-1) attached to r-a1b2 statement \"OrgOnly\""] });
    expect(assumerText(limited)).toBe("account 210987654321 (conditional) within the organization's RCPs");
    expect(assumerLine(limited)).toBe(
      "account 210987654321 (conditional) within the organization's RCPs · sts:AssumeRole (trust policy statement #0; may be refused by RCP 'Perimeter' (p-1) attached to r-a1b2 statement \"OrgOnly\")",
    );
    expect(assumerName(a("AROAEXAMPLE123", "deleted"))).toBe("deleted principal AROAEXAMPLE123");
    expect(assumerName(a("cognito-identity.amazonaws.com", "federated"))).toBe("OIDC provider cognito-identity.amazonaws.com");
  });

  it("counts what it does not name", () => {
    const many = Array.from({ length: ASSUMERS_NAMED + 2 }, (_, i) => a(`s${i}.amazonaws.com`, "service"));
    expect(assumedByText({ assumers: many })).toMatch(/s3\.amazonaws\.com \+2 more$/);
  });

  it("leaves Lambda to 'role of …' on a function's role and names the others; says unknown and no one as such", () => {
    const lambda = a("lambda.amazonaws.com", "service");
    const role = "arn:aws:iam::123456789012:role/r";
    expect(assumedByText({ assumers: [lambda] }, role)).toBeUndefined();
    expect(assumedByText({ assumers: [lambda, a("edgelambda.amazonaws.com", "service")] }, role)).toBeUndefined();
    expect(assumedByText({ assumers: [lambda, a("arn:aws:iam::210987654321:root", "other-account")] }, role)).toBe("also assumed by account 210987654321");
    expect(assumedByText({ assumers: [lambda] })).toBe("assumed by lambda.amazonaws.com");
    expect(assumedByText({ assumers: [], trustUnreadable: true }, role)).toBe("who may assume it is unknown (trust policy unreadable)");
    expect(assumedByText({ assumers: [] })).toBe("no one may assume it (trust policy)");
    expect(assumedByText(undefined)).toBeUndefined();
  });

  // As execution-role-trust reads the trust policy (isLambdaService): a regional spelling is Lambda, and the .cn name
  // is Lambda on a China role only.
  it("reads Lambda's other spellings as the rule does, by the role's partition", () => {
    const lambda = a("lambda.amazonaws.com", "service");
    expect(assumedByText({ assumers: [lambda, a("lambda.us-east-1.amazonaws.com", "service")] }, "arn:aws:iam::123456789012:role/r")).toBeUndefined();
    expect(assumedByText({ assumers: [a("lambda.amazonaws.com.cn", "service")] }, "arn:aws-cn:iam::123456789012:role/r")).toBeUndefined();
    expect(assumedByText({ assumers: [lambda, a("lambda.amazonaws.com.cn", "service")] }, "arn:aws:iam::123456789012:role/r")).toBe("also assumed by lambda.amazonaws.com.cn");
  });
});

describe("nodeDetails: identity invokers", () => {
  it("hand-made report: the function's view of the account-wide roles, and whose role an invoking role is", () => {
    const idx = graphIndexOf(fixtureReport);
    expect(details(idx, "fn:billing-api")?.identity).toEqual({
      accountWide: [{ principal: "arn:aws:iam::123456789012:role/ci-deployer-role", statements: ["deploy#InvokeAny"], decision: "explicitly-denied", aliases: [] }],
      // orders-role invokes billing-api through its own policy, and orders-processor runs as it.
      runBy: { "arn:aws:iam::123456789012:role/orders-role": { names: ["orders-processor"], total: 1 } },
      // A report without `invokerRoles` (older than it): no assumers, and no line for them.
      assumedBy: {},
    });
    expect(details(idx, "fn:orders-processor")?.identity?.accountWide.map((a) => a.decision)).toEqual(["allowed"]);
    expect(details(idx, "role:orders-role")?.identity).toBeUndefined();
  });

  it("demo: ledger-api refuses both admin roles and the break-glass user, hr-payroll-export is conditional, and the roles are functions' roles", async () => {
    const report = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
    const idx = graphIndexOf(report);
    const of = (name: string) => details(idx, `fn:${report.functions.find((f) => f.name === name)?.arn}`)?.identity;
    const decisions = (name: string) => of(name)?.accountWide.map((a) => [a.principal.split("/").pop(), a.decision]);
    expect(decisions("ledger-api")).toEqual([
      ["ops-admin-toolkit-role", "explicitly-denied"],
      ["support-ticket-router-role", "explicitly-denied"],
      ["break-glass-admin", "explicitly-denied"],
    ]);
    expect(decisions("hr-payroll-export")?.map(([, d]) => d)).toEqual(["conditional", "conditional", "conditional"]);
    // The break-glass user is refused without MFA, which the snapshot cannot know: conditional where the roles are allowed.
    expect(decisions("orders-processor")?.map(([, d]) => d)).toEqual(["allowed", "allowed", "conditional"]);
    const orders = of("orders-processor");
    expect(orders?.runBy["arn:aws:iam::123456789012:role/service-role/ops-admin-toolkit-role"]).toEqual({ names: ["ops-admin-toolkit"], total: 1 });
    expect(orders?.runBy["arn:aws:iam::123456789012:role/service-role/support-ticket-router-role"]).toEqual({ names: ["support-ticket-router"], total: 1 });
    // fraud-scorer's identity invoker is a Step Functions role: no function runs as it.
    const fraud = report.functions.find((f) => f.name === "fraud-scorer");
    expect(fraud?.invokers.filter((i) => i.via === "identity-policy").map((i) => i.principal)).toEqual([
      "arn:aws:iam::123456789012:role/service-role/order-fraud-check-sfn-role",
    ]);
    expect(Object.keys(of("fraud-scorer")?.runBy ?? {})).not.toContain("arn:aws:iam::123456789012:role/service-role/order-fraud-check-sfn-role");
    // Who acts as it: Step Functions, from its trust policy. The functions' own roles are Lambda's alone: no line.
    const sfn = of("fraud-scorer")?.assumedBy["arn:aws:iam::123456789012:role/service-role/order-fraud-check-sfn-role"];
    expect(assumedByText(sfn)).toBe("assumed by states.amazonaws.com");
    const ops = "arn:aws:iam::123456789012:role/service-role/ops-admin-toolkit-role";
    expect(orders?.assumedBy[ops]?.assumers.map((a) => a.principal)).toEqual(["lambda.amazonaws.com"]);
    expect(assumedByText(orders?.assumedBy[ops], ops)).toBeUndefined();
    // The role's own node lists its assumers, each with the call and the trust statement; a role that invokes nothing has none.
    const sfnNode = details(idx, "p:role:arn:aws:iam::123456789012:role/service-role/order-fraud-check-sfn-role");
    expect(sfnNode?.assumers?.assumers.map(assumerLine)).toEqual(["states.amazonaws.com · sts:AssumeRole (trust policy statement #0)"]);
    expect(details(idx, `role:${ops}`)?.assumers?.assumers.map((a) => a.principal)).toEqual(["lambda.amazonaws.com"]);
    expect(details(idx, `role:${report.functions.find((f) => f.name === "orders-processor")?.role}`)?.assumers).toBeUndefined();
    // Small: only this function's answers travel, not the exceptions of the whole account.
    expect(JSON.stringify(orders)).not.toContain("ledger-api");
    // The release pipeline's smoke test may invoke pricing-engine's version 28 alone: listed, naming that version.
    const pricing = report.functions.find((f) => f.name === "pricing-engine")!;
    const smoke = pricing.invokers.filter((i) => i.via === "identity-policy");
    expect(smoke.map((i) => [i.principal.split("/").pop(), i.decision, i.statements, qualifierLabel(pricing.arn, i.qualifier ?? pricing.arn)])).toEqual([
      ["pricing-release-smoke-test-role", "allowed", ["invoke-candidate#InvokeCanaryVersion"], "version 28"],
    ]);
    // The demo's CI deploy user may invoke checkout-api through its group; the break-glass admin every function, if
    // it signed in with MFA (its Deny without MFA may apply: conditional).
    const checkout = report.functions.find((f) => f.name === "checkout-api")!;
    expect(checkout.invokers.filter((i) => i.principalType === "user").map((i) => [identityCallerName(i.principal), i.decision, i.statements])).toEqual([
      ["IAM user ci-deploy", "allowed", ["group deployers: deploy-storefront#SmokeTestAfterDeploy"]],
    ]);
    expect(report.accountInvokers?.filter((a) => a.principalType === "user").map((a) => [identityCallerName(a.principal), a.decision])).toEqual([["IAM user break-glass-admin", "conditional"]]);
        // recommendations-batch-role has a policy the snapshot could not read: it may invoke too, and the note says so.
    expect(orders?.unreadRoles).toBe(1);
    expect(identityScopeNote(orders)).toMatch(/Not listed: 1 role whose policies could not be read, which may invoke too\.$/);
  });
});
