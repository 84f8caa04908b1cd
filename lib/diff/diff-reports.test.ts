import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport, Finding, FunctionReport, Invoker, Reach } from "@/lib/analysis/types";
import { parseSnapshot } from "@/lib/snapshot/read";
import { diffReports, newlyPublic } from "./diff-reports";
import { withPublicInvokeGrant } from "./scan-fixtures";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";

const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function fn(name: string, invokers: Invoker[] = [], reaches: Reach[] = []): FunctionReport {
  return { arn: ARN(name), name, region: "us-east-1", role: "arn:aws:iam::123456789012:role/r", invokers, reaches, unknown: [] };
}
const s3: Invoker = { via: "resource-policy", principal: "s3.amazonaws.com", principalType: "service", sourceArn: "arn:aws:s3:::uploads", sid: "s3" };
const url: Invoker = { via: "function-url", principal: "*", principalType: "public", authType: "NONE", public: true };
const reach = (actions: string[], resource = "arn:aws:sqs:us-east-1:123456789012:q"): Reach => ({
  service: "sqs", resource, actions, patterns: actions, accessLevels: ["Write"], conditional: false, via: ["p#0"],
});
function finding(id: string, fnName: string, severity: Finding["severity"] = "high"): Finding {
  return { id, rule: id.split(":")[0]!, severity, function: ARN(fnName), functions: [ARN(fnName)], title: `title ${id}`, detail: "", evidence: [], remediation: "" };
}
function report(functions: FunctionReport[], findings: Finding[] = [], capturedAt = "2026-01-01T00:00:00Z"): AnalysisReport {
  return { account: "123456789012", capturedAt, partition: "aws", regions: ["us-east-1"], functions, findings, graph: { nodes: [], edges: [] }, problems: [], errors: [] };
}

describe("diffReports", () => {
  it("reports nothing for identical scans", () => {
    const r = report([fn("a", [s3], [reach(["sqs:SendMessage"])])], [finding("x:a", "a")]);
    const d = diffReports(r, structuredClone(r));
    expect(d).toMatchObject({ functionsAdded: [], functionsRemoved: [], functionsChanged: [], findingsNew: [], findingsFixed: [], changedNodeIds: [] });
  });

  it("lists functions added and removed by ARN, with graph node ids", () => {
    const d = diffReports(report([fn("a"), fn("gone")]), report([fn("a"), fn("new")]));
    expect(d.functionsAdded.map((f) => f.name)).toEqual(["new"]);
    expect(d.functionsAdded[0]?.nodeId).toBe(`fn:${ARN("new")}`);
    expect(d.functionsRemoved.map((f) => f.name)).toEqual(["gone"]);
    expect(d.changedNodeIds).toEqual([`fn:${ARN("new")}`]);
  });

  it("lists invokers gained and lost, and flags a function that became public", () => {
    const d = diffReports(report([fn("a", [s3])]), report([fn("a", [url])]));
    expect(d.functionsChanged).toHaveLength(1);
    const c = d.functionsChanged[0]!;
    expect(c.invokersGained.map((i) => i.text)).toEqual(["function URL (auth NONE) · public"]);
    expect(c.invokersGained[0]?.public).toBe(true);
    expect(c.invokersLost.map((i) => i.text)).toEqual(["s3.amazonaws.com from arn:aws:s3:::uploads"]);
    expect(c.becamePublic).toBe(true);
    expect(d.changedNodeIds).toEqual([`fn:${ARN("a")}`]);
  });

  it("says a role invokes through its identity policy, and lists roles that gained or lost every function", () => {
    const ci: Invoker = { via: "identity-policy", principal: "arn:aws:iam::123456789012:role/ci", principalType: "role", decision: "allowed", statements: ["p#0"] };
    const wide = (principal: string) => ({ principal, principalType: "role" as const, decision: "allowed" as const, statements: ["AdministratorAccess#0"], exceptions: [] });
    const before = { ...report([fn("a")]), accountInvokers: [wide("arn:aws:iam::123456789012:role/old-admin")] };
    const after = { ...report([fn("a", [ci])]), accountInvokers: [wide("arn:aws:iam::123456789012:role/new-admin")] };
    const d = diffReports(before, after);
    expect(d.functionsChanged[0]?.invokersGained.map((i) => i.text)).toEqual(["arn:aws:iam::123456789012:role/ci (its identity policy)"]);
    expect(d.accountInvokersGained).toEqual(["arn:aws:iam::123456789012:role/new-admin"]);
    expect(d.accountInvokersLost).toEqual(["arn:aws:iam::123456789012:role/old-admin"]);
    expect(diffReports(after, structuredClone(after))).toMatchObject({ accountInvokersGained: [], accountInvokersLost: [] });
  });

  it("lists who may newly or no longer assume a role that invokes in both scans, and not the assumers of a role that came or went", () => {
    const ci = "arn:aws:iam::123456789012:role/ci";
    const gone = "arn:aws:iam::123456789012:role/gone";
    const added = "arn:aws:iam::123456789012:role/added";
    const codebuild = { principal: "codebuild.amazonaws.com", kind: "service" as const, action: "sts:AssumeRole", sid: "#0", decision: "allowed" as const };
    const github = {
      principal: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      kind: "federated" as const,
      action: "sts:AssumeRoleWithWebIdentity",
      sid: "GitHub",
      conditionSummary: "token.actions.githubusercontent.com:sub = repo:acme/*",
      decision: "allowed" as const,
    };
    const before = { ...report([fn("a")]), invokerRoles: { [ci]: { assumers: [codebuild] }, [gone]: { assumers: [codebuild] } } };
    const after = { ...report([fn("a")]), invokerRoles: { [ci]: { assumers: [github] }, [added]: { assumers: [github] } } };
    const d = diffReports(before, after);
    expect(d.assumersGained).toEqual(["ci: OIDC provider token.actions.githubusercontent.com when sub = repo:acme/*"]);
    expect(d.assumersLost).toEqual(["ci: codebuild.amazonaws.com"]);
    expect(diffReports(after, structuredClone(after))).toMatchObject({ assumersGained: [], assumersLost: [] });
    // Reports without the field (analysed before it existed) compare as no change.
    expect(diffReports(report([fn("a")]), after)).toMatchObject({ assumersGained: [], assumersLost: [] });
  });

  it("lists the functions a role that may invoke every function gained or lost, in both scans, by its exceptions", () => {
    const admin = "arn:aws:iam::123456789012:role/admin";
    const wide = (exceptions: { function: string; decision: "explicitly-denied" | "allowed" | "conditional" }[]) => [
      { principal: admin, principalType: "role" as const, decision: "allowed" as const, statements: ["AdministratorAccess#0"], exceptions },
    ];
    const fns = () => [fn("ledger"), fn("orders")];
    const denied = { ...report(fns()), accountInvokers: wide([{ function: ARN("ledger"), decision: "explicitly-denied" }]) };
    const open = { ...report(fns()), accountInvokers: wide([]) };
    // The Deny on ledger was removed: the role can now invoke it, although it invoked every other function before too.
    const d = diffReports(denied, open);
    expect(d.accountInvokersGained).toEqual([]);
    expect(d.functionsChanged.map((c) => [c.name, c.invokersGained.map((i) => i.text), c.invokersLost.map((i) => i.text)])).toEqual([
      ["ledger", [`${admin} (its identity policy)`], []],
    ]);
    expect(diffReports(open, denied).functionsChanged.map((c) => [c.name, c.invokersLost.map((i) => i.text)])).toEqual([["ledger", [`${admin} (its identity policy)`]]]);
    // A conditional answer still lets the role in; $LATEST open where the function is refused is a way in of its own.
    expect(diffReports(denied, { ...denied, accountInvokers: wide([{ function: ARN("ledger"), decision: "conditional" }]) }).functionsChanged).toHaveLength(1);
    const viaLatest = { ...denied, accountInvokers: wide([{ function: ARN("ledger"), decision: "explicitly-denied" }, { function: `${ARN("ledger")}:$LATEST`, decision: "allowed" }]) };
    expect(diffReports(denied, viaLatest).functionsChanged.map((c) => c.invokersGained.map((i) => i.text))).toEqual([[`${admin} (its identity policy) · on ${ARN("ledger")}:$LATEST`]]);
  });

  it("summarises a role that no longer (or now) invokes every function once, without gaining or losing the functions it invokes in both", () => {
    const ci = "arn:aws:iam::123456789012:role/ci";
    const own: Invoker = { via: "identity-policy", principal: ci, principalType: "role", decision: "allowed", statements: ["p#0"] };
    const everyFn = { ...report([fn("a"), fn("b")]), accountInvokers: [{ principal: ci, principalType: "role" as const, decision: "allowed" as const, statements: ["p#0"], exceptions: [] }] };
    const someFn = report([fn("a", [own]), fn("b")]);
    // Narrowed to a: it invoked a before too; losing b is said by the summary, not on each function.
    const narrowed = diffReports(everyFn, someFn);
    expect(narrowed.accountInvokersLost).toEqual([ci]);
    expect(narrowed.functionsChanged).toEqual([]);
    const widened = diffReports(someFn, everyFn);
    expect(widened.accountInvokersGained).toEqual([ci]);
    expect(widened.functionsChanged).toEqual([]);
  });

  it("a role narrowed from every function to every function of one region: lost and gained once, other regions' functions not repeated", () => {
    const ci = "arn:aws:iam::123456789012:role/ci";
    const own: Invoker = { via: "identity-policy", principal: ci, principalType: "role", decision: "allowed", statements: ["p#1"] };
    const westFn = (name: string, invokers: Invoker[] = []): FunctionReport => ({ ...fn(name, invokers), arn: ARN(name).replace("us-east-1", "eu-west-1"), region: "eu-west-1" });
    const entry = (regions?: string[]) => ({ principal: ci, principalType: "role" as const, decision: "allowed" as const, statements: ["p#0"], exceptions: [], ...(regions ? { regions } : {}) });
    const everyFn = { ...report([fn("a"), westFn("w"), westFn("x")]), accountInvokers: [entry()] };
    // Now every function in us-east-1, and one of eu-west-1 by name.
    const eastOnly = { ...report([fn("a"), westFn("w", [own]), westFn("x")]), accountInvokers: [entry(["us-east-1"])] };
    const d = diffReports(everyFn, eastOnly);
    expect(d.accountInvokersLost).toEqual([ci]);
    expect(d.accountInvokersGained).toEqual([`${ci} (every function in us-east-1)`]);
    // a: invoked in both; w: still invoked (by name); x: lost, which the "Lost" line says.
    expect(d.functionsChanged).toEqual([]);
    // Back to every function: x is gained through the account-wide line only.
    const back = diffReports(eastOnly, everyFn);
    expect(back.accountInvokersGained).toEqual([ci]);
    expect(back.functionsChanged).toEqual([]);
    // A gain on a function outside the regional entry's scope is the function's own change.
    const gainedWest = diffReports({ ...eastOnly, functions: [fn("a"), westFn("w"), westFn("x")], accountInvokers: [] }, eastOnly);
    expect(gainedWest.functionsChanged.map((c) => [c.name, c.invokersGained.map((i) => i.text)])).toEqual([["w", [`${ci} (its identity policy)`]]]);
  });

  it("does not outline a function whose only change is what the newer scan could not read", () => {
    const d = diffReports(report([fn("a", [url])]), report([{ ...fn("a"), unknown: ["GetFunctionUrlConfig: AccessDeniedException"] }]));
    expect(d.functionsChanged.map((c) => [c.invokersLost, c.invokersUnverified.map((i) => i.why)])).toEqual([[[], ["GetFunctionUrlConfig: AccessDeniedException"]]]);
    expect(d.changedNodeIds).toEqual([]);
  });

  it("ignores explicitly denied invokers", () => {
    const denied: Invoker = { ...url, decision: "explicitly-denied" };
    const d = diffReports(report([fn("a")]), report([fn("a", [denied])]));
    expect(d.functionsChanged).toEqual([]);
  });

  it("lists reachable actions gained and lost as action-on-resource pairs", () => {
    const d = diffReports(
      report([fn("a", [], [reach(["sqs:SendMessage", "sqs:DeleteMessage"])])]),
      report([fn("a", [], [reach(["sqs:SendMessage", "sqs:PurgeQueue"])])]),
    );
    const c = d.functionsChanged[0]!;
    expect(c.actionsGained).toEqual(["sqs:PurgeQueue on arn:aws:sqs:us-east-1:123456789012:q"]);
    expect(c.actionsLost).toEqual(["sqs:DeleteMessage on arn:aws:sqs:us-east-1:123456789012:q"]);
    expect(c.becamePublic).toBe(false);
  });

  it("lists findings new and fixed by stable id, worst first, and highlights functions with new findings", () => {
    const d = diffReports(
      report([fn("a"), fn("b")], [finding("old:a", "a"), finding("kept:a", "a")]),
      report([fn("a"), fn("b")], [finding("kept:a", "a"), finding("low:b", "b", "low"), finding("crit:b", "b", "critical")]),
    );
    expect(d.findingsNew.map((f) => f.id)).toEqual(["crit:b", "low:b"]);
    expect(d.findingsFixed.map((f) => f.id)).toEqual(["old:a"]);
    expect(d.changedNodeIds).toEqual([`fn:${ARN("b")}`]);
  });

  it("a way in moved from one alias to another is one lost and one gained", () => {
    const on = (alias: string): Invoker => ({ ...s3, qualifier: `${ARN("a")}:${alias}` });
    const d = diffReports(report([fn("a", [on("prod")])]), report([fn("a", [on("beta")])]));
    expect(d.functionsChanged.map((c) => [c.name, c.invokersLost.map((i) => i.text), c.invokersGained.map((i) => i.text)])).toEqual([
      ["a", [`s3.amazonaws.com from arn:aws:s3:::uploads · on ${ARN("a")}:prod`], [`s3.amazonaws.com from arn:aws:s3:::uploads · on ${ARN("a")}:beta`]],
    ]);
  });

  it("a way in that a condition no longer leaves undecided is a change, though the condition reads the same", () => {
    const when: Invoker = { ...s3, conditionSummary: "SourceIp 10.0.0.0/8" };
    const d = diffReports(report([fn("a", [{ ...when, decision: "conditional" }])]), report([fn("a", [{ ...when, decision: "allowed" }])]));
    const c = d.functionsChanged[0]!;
    expect(c.invokersLost.map((i) => i.text)).toEqual(["s3.amazonaws.com from arn:aws:s3:::uploads · when SourceIp 10.0.0.0/8 · conditional"]);
    expect(c.invokersGained.map((i) => i.text)).toEqual(["s3.amazonaws.com from arn:aws:s3:::uploads · when SourceIp 10.0.0.0/8"]);
  });

  it("a way in that anyone could use and now only AWS principals can is a change, though the grant reads the same", () => {
    // A URL-only grant to "*" is anonymous while the URL's auth type is NONE, and not once it is AWS_IAM: the grant's
    // own line is all that tells who may use it, so it is one way lost and another gained, never no change.
    const grant: Invoker = { via: "resource-policy", principal: "*", principalType: "public", sid: "url", urlOnly: true, decision: "allowed" };
    const d = diffReports(report([fn("a", [{ ...grant, public: true }])]), report([fn("a", [{ ...grant, public: false }])]));
    const c = d.functionsChanged[0];
    expect([c?.invokersLost.map((i) => i.text), c?.invokersGained.map((i) => i.text)]).toEqual([["* · public"], ["*"]]);
  });

  it("a finding in both scans whose severity alone, or title alone, changed is listed as changed, and its function outlined", () => {
    const was = finding("x:a", "a", "medium");
    const changes = (now: Finding) => {
      const d = diffReports(report([fn("a")], [was]), report([fn("a")], [now]));
      expect([d.findingsNew, d.findingsFixed, d.functionsChanged]).toEqual([[], [], []]);
      expect(d.changedNodeIds).toEqual([`fn:${ARN("a")}`]);
      return d.findingsChanged.map((f) => [f.id, f.severity, f.title, f.was]);
    };
    expect(changes({ ...was, severity: "high" })).toEqual([["x:a", "high", "title x:a", { severity: "medium", title: "title x:a" }]]);
    expect(changes({ ...was, title: "title x:a, wider" })).toEqual([["x:a", "medium", "title x:a, wider", { severity: "medium", title: "title x:a" }]]);
  });

  it("a finding in both scans that now badges other functions, same severity and title, is listed as changed, with the functions it was on", () => {
    const was = { ...finding("role-admin:r", "a"), functions: [ARN("a")] };
    const now = { ...was, functions: [ARN("b"), ARN("a")] };
    const d = diffReports(report([fn("a"), fn("b")], [was]), report([fn("a"), fn("b")], [now]));
    expect(d.findingsChanged.map((f) => [f.id, f.functions, f.was])).toEqual([["role-admin:r", [ARN("b"), ARN("a")], { severity: "high", title: "title role-admin:r", functions: [ARN("a")] }]]);
    expect(d.changedNodeIds).toEqual([`fn:${ARN("a")}`, `fn:${ARN("b")}`]);
    // The same functions in another order are no change.
    expect(diffReports(report([fn("a"), fn("b")], [now]), report([fn("a"), fn("b")], [{ ...now, functions: [ARN("a"), ARN("b")] }])).findingsChanged).toEqual([]);
  });

  it("a role refused a function it may invoke as $LATEST gains one way in, on $LATEST, not one per alias as well", () => {
    const admin = "arn:aws:iam::123456789012:role/admin";
    const ledger = { ...fn("ledger"), aliases: [{ name: "prod", arn: `${ARN("ledger")}:prod`, version: "3" }] };
    const wide = (exceptions: { function: string; decision: "explicitly-denied" | "allowed" }[]) => ({
      ...report([ledger]),
      accountInvokers: [{ principal: admin, principalType: "role" as const, decision: "allowed" as const, statements: ["AdministratorAccess#0"], exceptions }],
    });
    const everywhereDenied = wide([
      { function: ARN("ledger"), decision: "explicitly-denied" },
      { function: `${ARN("ledger")}:$LATEST`, decision: "explicitly-denied" },
      { function: `${ARN("ledger")}:prod`, decision: "explicitly-denied" },
    ]);
    const latestAndProdOpen = wide([{ function: ARN("ledger"), decision: "explicitly-denied" }, { function: `${ARN("ledger")}:$LATEST`, decision: "allowed" }]);
    expect(diffReports(everywhereDenied, latestAndProdOpen).functionsChanged.map((c) => c.invokersGained.map((i) => i.text))).toEqual([
      [`${admin} (its identity policy) · on ${ARN("ledger")}:$LATEST`],
    ]);
  });

  it("newly public lists the added functions anyone may invoke, not every added function", () => {
    const after = report([fn("a"), fn("open", [url]), fn("private", [s3])]);
    const d = diffReports(report([fn("a")]), after);
    expect(d.functionsAdded.map((f) => f.name)).toEqual(["open", "private"]);
    expect(newlyPublic(d, after).map((f) => f.name)).toEqual(["open"]);
  });

  it("finds the function a later scan opened to everyone in the demo account", () => {
    const demo = parseSnapshot(readFileSync("data/demo-snapshot.json"));
    const before = analyzeSnapshot(demo);
    const after = analyzeSnapshot(withPublicInvokeGrant(demo, "store-locator", "2026-11-27T09:30:00Z"));
    const d = diffReports(before, after);
    expect(d.functionsAdded).toEqual([]);
    expect(d.functionsRemoved).toEqual([]);
    expect(d.functionsChanged.map((c) => c.name)).toEqual(["store-locator"]);
    expect(newlyPublic(d, after).map((f) => f.name)).toEqual(["store-locator"]);
    expect(d.findingsNew.some((f) => f.severity === "critical" || f.severity === "high")).toBe(true);
    expect(d.findingsFixed).toEqual([]);
    // And the reverse direction reports the exposure as fixed.
    const back = diffReports(after, before);
    expect(back.findingsFixed.map((f) => f.id)).toEqual(d.findingsNew.map((f) => f.id));
    expect(newlyPublic(back, before)).toEqual([]);
  });
});

describe("diffReports on real analyses: how far a way in reaches is part of it", () => {
  /** One function `api`, analysed after `setup` adds its grants. */
  function scan(setup: (b: ReturnType<typeof newBuilder>, fn: string) => void, roleInline?: Record<string, unknown>) {
    const b = newBuilder();
    const role = b.role({ name: "r", ...(roleInline ? { inline: roleInline as never } : {}) });
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role });
    setup(b, fn);
    return analyzeSnapshot(parseSnapshot(b.build()));
  }

  it("a URL whose grants now let anyone in is newly public, though its invoker was listed before (refused)", () => {
    const urlGrant = (b: ReturnType<typeof newBuilder>, fn: string) => {
      b.url(fn, { authType: "NONE" });
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
    };
    const before = scan(urlGrant);
    const after = scan((b, fn) => {
      urlGrant(b, fn);
      b.permission(fn, { sid: "inv", principal: "*", action: "lambda:InvokeFunction", invokedViaUrl: true });
    });
    const d = diffReports(before, after);
    expect(newlyPublic(d, after).map((f) => f.name)).toEqual(["api"]);
    expect(d.functionsChanged[0]?.invokersGained.map((i) => i.text)).toEqual(expect.arrayContaining([expect.stringMatching(/public$/)]));
    expect(d.changedNodeIds).toEqual([`fn:${ARN("api")}`]);
  });

  it("an invoker whose condition is dropped is one way in lost and another gained, each saying its conditions", () => {
    const when = { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } };
    const grant = (condition?: typeof when) => (b: ReturnType<typeof newBuilder>, fn: string) =>
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "lambda:InvokeFunction", Resource: fn, ...(condition ? { Condition: condition } : {}) }] });
    const d = diffReports(scan(grant(when)), scan(grant()));
    const c = d.functionsChanged[0]!;
    expect(c.invokersLost.map((i) => i.text)).toEqual(["111122223333 · when CurrentTime DateLessThan 2030-01-01T00:00:00Z · conditional"]);
    expect(c.invokersGained.map((i) => i.text)).toEqual(["111122223333"]);
  });

  it("a reachable action that no longer hangs on a condition is a change of access", () => {
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
    const inline = (condition?: unknown) => ({ p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: queue, ...(condition ? { Condition: condition } : {}) }] } });
    const d = diffReports(scan(() => {}, inline({ StringEquals: { "aws:ResourceTag/team": "payments" } })), scan(() => {}, inline()));
    const c = d.functionsChanged[0]!;
    expect(c.actionsLost).toEqual([`sqs:SendMessage on ${queue} (conditional)`]);
    expect(c.actionsGained).toEqual([`sqs:SendMessage on ${queue}`]);
  });

  it("a grant its own policy refuses is no way in: fixing its Resource gains one", () => {
    const grant = (resource: (fn: string) => string) => (b: ReturnType<typeof newBuilder>, fn: string) =>
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: resource(fn), Condition: { ArnLike: { "aws:SourceArn": `arn:aws:sns:${REGION}:${ACCOUNT}:t` } } }] });
    const d = diffReports(scan(grant(() => ARN("other"))), scan(grant((fn) => fn)));
    expect(d.functionsChanged[0]?.invokersGained.map((i) => i.text)).toEqual([`sns.amazonaws.com from arn:aws:sns:${REGION}:${ACCOUNT}:t · when SourceArn = arn:aws:sns:${REGION}:${ACCOUNT}:t`]);
    expect(d.functionsChanged[0]?.invokersLost).toEqual([]);
  });

  it("a finding in both scans whose severity changed is listed as changed, with what it was, and outlined", () => {
    const before = scan((b, fn) => b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::bucket" }));
    const after = scan((b, fn) => b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com" }));
    const d = diffReports(before, after);
    expect(d.findingsNew).toEqual([]);
    expect(d.findingsFixed).toEqual([]);
    expect(d.findingsChanged.map((f) => [f.rule, f.was?.severity, f.severity])).toEqual([["confused-deputy", "medium", "high"]]);
    expect(d.changedNodeIds).toContain(`fn:${ARN("api")}`);
  });
});

