/**
 * A newer scan that could not read something the older one read says nothing about it: the diff lists what rests on
 * the unread data as not verifiable, never as lost, removed or fixed (docs/ci.md: "Data that could not be read … is
 * never a pass"; snapshot.md: "with an error its invokers are *unknown*"). The other way round, an older scan that
 * could not read whether a function was public does not make it "newly public".
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { diffReports, newlyPublic, publicBeforeUnknown } from "./diff-reports";
import { withRegionUnlisted } from "./scan-fixtures";

const API = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
const DENIED = { code: "AccessDeniedException", message: "not authorized to perform lambda:GetPolicy" };

/** One function `api`: its policy opens it to everyone, cannot be read (`denied`, on the function or its alias), or is absent. */
function scan(policy: "open" | "alias open" | "denied" | "alias denied" | "none", runtime = "nodejs22.x") {
  const b = newBuilder();
  const role = b.role({ name: "r" });
  const fn = b.fn({ region: REGION, name: "api", runtime, role });
  b.version(fn, "1");
  const alias = b.alias(fn, "prod", "1");
  if (policy === "open") b.permission(fn, { sid: "open", principal: "*" });
  if (policy === "alias open") b.permission(fn, { sid: "open", principal: "*", qualifier: "prod" });
  if (policy === "denied") b.error({ operation: "GetPolicy", target: fn, ...DENIED });
  if (policy === "alias denied") b.error({ operation: "GetPolicy", target: alias, ...DENIED });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const demoText = readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8");
const demo = () => JSON.parse(demoText);
const analysed = (snapshot: unknown) => analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
const EU = ":eu-west-1:";

describe("diff of a newer scan that could not read a function's policy", () => {
  const before = scan("open", "nodejs14.x");
  const after = scan("denied");
  const d = diffReports(before, after);

  it("lists the public way in and its finding as not verifiable, not lost and fixed", () => {
    expect(d.findingsFixed.map((f) => f.id)).not.toContain(`public-invoke:${API}#open`);
    expect(d.findingsUnverified.map((f) => [f.id, f.why])).toContainEqual([`public-invoke:${API}#open`, "api: GetPolicy: AccessDeniedException"]);
    const [c] = d.functionsChanged;
    expect(c?.invokersLost).toEqual([]);
    expect(c?.invokersUnverified.map((i) => [i.text, i.public, i.why])).toEqual([["* · public", true, "GetPolicy: AccessDeniedException"]]);
    // What the newer scan could not read it says itself, as a new finding.
    expect(d.findingsNew.map((f) => f.rule)).toEqual(["data-unavailable"]);
  });

  it("still calls fixed a finding whose rule does not read the policy", () => {
    expect(before.findings.map((f) => f.rule)).toContain("runtime-deprecated");
    expect(d.findingsFixed.map((f) => f.rule)).toEqual(["runtime-deprecated"]);
  });

  it("calls a way in on the function itself lost when only its alias's policy could not be read", () => {
    const alias = diffReports(scan("open"), scan("alias denied"));
    expect(alias.findingsFixed.map((f) => f.id)).toContain(`public-invoke:${API}#open`);
    expect(alias.findingsUnverified).toEqual([]);
    expect(alias.functionsChanged[0]?.invokersLost.map((i) => i.text)).toEqual(["* · public"]);
  });
});

describe("diff of a newer scan that did not list a region", () => {
  const before = analysed(demo());
  const euFunctions = before.functions.filter((f) => f.region === "eu-west-1").map((f) => f.name).sort();

  it("lists the region's functions as unseen and their findings as not verifiable, when ListFunctions was denied", () => {
    const d = diffReports(before, analyzeSnapshot(withRegionUnlisted(parseSnapshot(demoText), "eu-west-1", "2026-11-27T09:30:00Z")));
    expect(d.functionsRemoved).toEqual([]);
    expect(d.functionsUnseen.map((f) => f.name).sort()).toEqual(euFunctions);
    expect(new Set(d.functionsUnseen.map((f) => f.why))).toEqual(new Set(["Functions in eu-west-1 could not be listed (AccessDeniedException)"]));
    expect(d.findingsFixed.filter((f) => f.functions.some((arn) => arn.includes(EU)))).toEqual([]);
    expect(d.findingsUnverified.length).toBeGreaterThan(0);
    expect(d.findingsUnverified.every((f) => f.functions.some((arn) => arn.includes(EU)))).toBe(true);
  });

  it("says the region was not scanned when the newer scan has no such region, and still calls a function deleted elsewhere removed", () => {
    const s = demo();
    delete s.regions["eu-west-1"];
    const east = s.regions["us-east-1"].ListFunctions.Functions;
    const gone = east.shift().FunctionName;
    const d = diffReports(before, analysed(s));
    expect(d.functionsUnseen.map((f) => f.name).sort()).toEqual(euFunctions);
    expect(d.functionsUnseen[0]?.why).toBe("eu-west-1 was not scanned");
    expect(d.functionsRemoved.map((f) => f.name)).toEqual([gone]);
  });

  it("lists them as unseen when the ListFunctions error names no region: it may be any region's", () => {
    const s = demo();
    s.regions["eu-west-1"] = {};
    s.errors.push({ operation: "ListFunctions", code: "AccessDeniedException", message: "explicit deny in a service control policy" });
    const d = diffReports(before, analysed(s));
    expect(d.functionsRemoved).toEqual([]);
    expect(d.functionsUnseen.map((f) => f.name).sort()).toEqual(euFunctions);
    expect(d.functionsUnseen[0]?.why).toMatch(/could not be listed \(AccessDeniedException\)/);
  });

  it("lists the region's functions as first seen, not added, when the older scan is the one that did not list it", () => {
    const s = demo();
    delete s.regions["eu-west-1"];
    const d = diffReports(analysed(s), before);
    expect(d.functionsAdded).toEqual([]);
    expect(d.functionsFirstSeen.map((f) => f.name).sort()).toEqual(euFunctions);
  });
});

describe("diff of scans where a role that may invoke every function covers fewer regions only where one could not list them", () => {
  const before = analysed(demo());
  const wide = (before.accountInvokers ?? []).filter((a) => !a.regions).map((a) => a.principal);
  const unlisted = (region: string) => analyzeSnapshot(withRegionUnlisted(parseSnapshot(demoText), region, "2026-11-27T09:30:00Z"));
  // The demo's role granted every function of eu-west-1 keeps its scope; the scan that could not list eu-west-1 cannot
  // check its answer (it reads as conditional on the unread policies there): not verifiable too, not a changed answer.
  const euOnly = "arn:aws:iam::123456789012:role/service-role/eu-batch-scheduler-role (every function in eu-west-1)";
  const roles = () => [...wide.filter((p) => p.startsWith("arn:aws:iam::123456789012:role/")), euOnly].sort();

  it("calls the role not verifiable in the newer scan, not lost under every function and gained under the regions it listed", () => {
    const after = unlisted("eu-west-1");
    // The newer scan speaks for the region it listed only: the change the diff must not call lost and gained.
    expect(after.accountInvokers?.find((a) => a.principal === wide[0])?.regions).toEqual(["us-east-1"]);
    const d = diffReports(before, after);
    expect(d.accountInvokersLost).toEqual([]);
    expect(d.accountInvokersGained).toEqual([]);
    expect(d.accountInvokersUnverified.map((a) => a.text)).toEqual(roles());
    expect(d.accountInvokersChanged).toEqual([]);
    expect(new Set(d.accountInvokersUnverified.map((a) => a.why))).toEqual(new Set(["Functions in eu-west-1 could not be listed (AccessDeniedException)"]));
  });

  it("also when the region it could not list is one the older scan did not scan (a disabled region)", () => {
    const after = unlisted("ap-east-1");
    expect(after.accountInvokers?.find((a) => a.principal === wide[0])?.regions).toEqual(["eu-west-1", "us-east-1"]);
    const d = diffReports(before, after);
    expect(d.accountInvokersLost).toEqual([]);
    expect(d.accountInvokersGained).toEqual([]);
    expect(d.accountInvokersUnverified.map((a) => a.why)).toContain("Functions in ap-east-1 could not be listed (AccessDeniedException)");
  });

  it("the other way round, calls the role unknown before, not lost under the regions the older scan listed and gained", () => {
    const d = diffReports(unlisted("eu-west-1"), before);
    expect(d.accountInvokersLost).toEqual([]);
    expect(d.accountInvokersGained).toEqual([]);
    expect(d.accountInvokersUnknownBefore.map((a) => a.text)).toEqual(roles());
    expect(d.accountInvokersChanged).toEqual([]);
  });

  it("still calls a scope the role lost in a region the newer scan listed lost and gained", () => {
    const s = demo();
    const role = s.iam.GetAccountAuthorizationDetails.RoleDetailList.find((r: { Arn: string }) => r.Arn === wide[0]);
    expect(role).toBeDefined();
    role.RolePolicyList = [];
    role.AttachedManagedPolicies = [];
    role.RolePolicyList.push({
      PolicyName: "east-only",
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:us-east-1:123456789012:function:*" }] },
    });
    const d = diffReports(before, analysed(s));
    expect(d.accountInvokersLost).toContain(wide[0]);
    expect(d.accountInvokersGained).toContain(`${wide[0]} (every function in us-east-1)`);
  });
});

describe("diff of a newer scan that could not read IAM", () => {
  it("lists reachable actions, roles that invoke every function and role findings as not verifiable", () => {
    const before = analysed(demo());
    const s = demo();
    delete s.iam;
    s.errors.push({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized" });
    const d = diffReports(before, analysed(s));
    expect(d.functionsChanged.flatMap((c) => c.actionsLost)).toEqual([]);
    expect(d.functionsChanged.flatMap((c) => c.actionsUnverified).length).toBeGreaterThan(0);
    expect(d.accountInvokersLost).toEqual([]);
    expect(d.accountInvokersUnverified.map((a) => a.why)).toEqual(before.accountInvokers!.map(() => "GetAccountAuthorizationDetails: AccessDenied"));
    expect(d.findingsFixed).toEqual([]);
    expect(d.findingsUnverified.map((f) => f.rule)).toContain("role-admin-access");
  });

  it("lists the assumers of an invoking role whose trust policy the newer scan could not read as not verifiable", () => {
    const invoker = (trust: unknown) => {
      const b = newBuilder();
      const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
      b.role({ name: "ci", trust: trust as never, inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }] } } });
      return analyzeSnapshot(parseSnapshot(b.build()));
    };
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole" }] };
    const d = diffReports(invoker(trust), invoker("{not json"));
    expect(d.assumersLost).toEqual([]);
    expect(d.assumersUnverified).toEqual([{ text: "ci: account 210987654321", why: "the role's trust policy could not be read" }]);
  });
});

describe("diff of an older scan that could not read a function's policy", () => {
  it("does not call a function public now newly public: whether it was before is unknown", () => {
    const after = scan("open");
    const d = diffReports(scan("denied"), after);
    const [c] = d.functionsChanged;
    expect(c?.becamePublic).toBe(false);
    expect(c?.publicBeforeUnknown).toBe("GetPolicy: AccessDeniedException");
    expect(newlyPublic(d, after)).toEqual([]);
    expect(publicBeforeUnknown(d, after).map((f) => [f.name, f.why])).toEqual([["api", "GetPolicy: AccessDeniedException"]]);
  });

  it("an alias's unread policy leaves unknown only whether the alias was public", () => {
    const onFunction = scan("open");
    expect(newlyPublic(diffReports(scan("alias denied"), onFunction), onFunction).map((f) => f.name)).toEqual(["api"]);
    const onAlias = scan("alias open");
    const d = diffReports(scan("alias denied"), onAlias);
    expect(newlyPublic(d, onAlias)).toEqual([]);
    expect(publicBeforeUnknown(d, onAlias).map((f) => f.why)).toEqual([expect.stringMatching(/^GetPolicy: AccessDeniedException \(arn:.*:prod\)$/)]);
  });

  it("does not call the way in and the finding it could not read new, nor gained: unknown before", () => {
    const d = diffReports(scan("denied"), scan("open"));
    const [c] = d.functionsChanged;
    expect(c?.invokersGained).toEqual([]);
    expect(c?.invokersUnknownBefore.map((i) => [i.text, i.public, i.why])).toEqual([["* · public", true, "GetPolicy: AccessDeniedException"]]);
    expect(d.findingsNew.map((f) => f.id)).not.toContain(`public-invoke:${API}#open`);
    expect(d.findingsUnknownBefore.map((f) => [f.id, f.why])).toContainEqual([`public-invoke:${API}#open`, "api: GetPolicy: AccessDeniedException"]);
  });

  it("still calls new a finding whose rule does not read the policy", () => {
    const d = diffReports(scan("denied"), scan("none", "nodejs14.x"));
    expect(d.findingsNew.map((f) => f.rule)).toEqual(["runtime-deprecated"]);
    expect(d.findingsUnknownBefore).toEqual([]);
  });
});

describe("diff of an older scan that could not read IAM", () => {
  it("lists reachable actions, roles that invoke every function and role findings as unknown before, not gained or new", () => {
    const after = analysed(demo());
    const s = demo();
    delete s.iam;
    s.errors.push({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized" });
    const d = diffReports(analysed(s), after);
    expect(d.functionsChanged.flatMap((c) => c.actionsGained)).toEqual([]);
    expect(d.functionsChanged.flatMap((c) => c.actionsUnknownBefore).length).toBeGreaterThan(0);
    expect(d.functionsChanged.flatMap((c) => c.invokersGained.filter((i) => i.text.includes("(its identity policy)")))).toEqual([]);
    expect(d.accountInvokersGained).toEqual([]);
    expect(d.accountInvokersUnknownBefore.map((a) => a.why)).toEqual(after.accountInvokers!.map(() => "GetAccountAuthorizationDetails: AccessDenied"));
    expect(d.findingsNew.map((f) => f.rule)).not.toContain("role-admin-access");
    expect(d.findingsUnknownBefore.map((f) => f.rule)).toContain("role-admin-access");
    // The data-unavailable findings of the older scan are gone: the gap was filled, a fix.
    expect(d.findingsFixed.map((f) => f.rule)).toContain("data-unavailable");
  });
});

describe("diff of a newer scan that could not read the policy on a resource the role reaches", () => {
  const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
  /** `api`'s role may send to the queue: for sure, or depending on the queue policy the scan could not read. */
  function reaching(unread: boolean) {
    const report = structuredClone(scan("none"));
    const fn = report.functions.find((f) => f.arn === API)!;
    fn.reaches = [
      ...fn.reaches,
      { service: "sqs", resource: QUEUE, actions: ["sqs:SendMessage"], patterns: ["sqs:SendMessage"], accessLevels: ["Write"], via: ["p#0"], conditional: unread, ...(unread ? { unreadPolicies: ["the queue policy"] } : {}) },
    ];
    return report;
  }

  it("lists the grant as not verifiable, not as lost and gained conditionally", () => {
    const [c] = diffReports(reaching(false), reaching(true)).functionsChanged;
    expect(c?.actionsLost).toEqual([]);
    expect(c?.actionsGained).toEqual([]);
    expect(c?.actionsUnverified).toEqual([{ text: `sqs:SendMessage on ${QUEUE}`, why: `the queue policy of ${QUEUE} could not be read` }]);
  });

  it("the other way round, the grant the older scan could not verify was unknown before, not gained", () => {
    const [c] = diffReports(reaching(true), reaching(false)).functionsChanged;
    expect(c?.actionsGained).toEqual([]);
    expect(c?.actionsLost).toEqual([]);
    expect(c?.actionsUnknownBefore).toEqual([{ text: `sqs:SendMessage on ${QUEUE}`, why: `the queue policy of ${QUEUE} could not be read` }]);
  });
});

describe("diff of scans where one could not read the policy of a function with a URL anyone may call", () => {
  // The demo's public-status-page: a URL with auth NONE, its policy open to everyone, and roles of the account that
  // may invoke every function. Unread, the policy may hold a Deny: the URL and those roles are conditional there.
  const STATUS = `arn:aws:lambda:us-east-1:123456789012:function:public-status-page`;
  const unread = () => {
    const s = demo();
    delete s.regions["us-east-1"].GetPolicy[STATUS];
    s.errors.push({ region: "us-east-1", operation: "GetPolicy", target: STATUS, ...DENIED });
    return analysed(s);
  };
  const [read, denied] = [analysed(demo()), unread()];
  const status = (d: ReturnType<typeof diffReports>) => d.functionsChanged.find((c) => c.arn === STATUS);
  const roleLine = /ops-admin-toolkit-role \(its identity policy\)$/;

  it("in the newer scan: the URL and the roles are not verifiable, never lost and gained again as conditional", () => {
    const c = status(diffReports(read, denied));
    expect(c?.invokersLost).toEqual([]);
    expect(c?.invokersGained).toEqual([]);
    const unverified = c?.invokersUnverified.map((i) => [i.text, i.why]);
    expect(unverified).toContainEqual(["function URL (auth NONE) · public", "GetPolicy: AccessDeniedException"]);
    expect(unverified).toContainEqual([expect.stringMatching(roleLine), "GetPolicy: AccessDeniedException"]);
  });

  it("in the older scan: they are unknown before, never a conditional way lost and a way gained", () => {
    const c = status(diffReports(denied, read));
    expect(c?.invokersLost).toEqual([]);
    expect(c?.invokersGained).toEqual([]);
    const unknown = c?.invokersUnknownBefore.map((i) => [i.text, i.why]);
    expect(unknown).toContainEqual(["function URL (auth NONE) · public", "GetPolicy: AccessDeniedException"]);
    expect(unknown).toContainEqual([expect.stringMatching(roleLine), "GetPolicy: AccessDeniedException"]);
  });
});
