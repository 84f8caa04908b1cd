/**
 * An `id` entry accepts exactly the finding it was written for (docs/suppressions.md). Findings about a set of
 * things carry the set in their id, so an accepted finding is not stretched over what changes later:
 *  - execution-role-trust's other principals: accepting "account 111122223333 can assume worker-role" (medium) must
 *    not accept a later `Principal: {"AWS": "*"}` (critical), nor the same grant with its condition dropped;
 *  - data-unavailable: accepting "GetFunctionUrlConfig is denied by an SCP" must not accept a later GetPolicy denial
 *    (who can invoke the function becomes unknown).
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { newBuilder, REGION } from "@/lib/analysis/test-support";
import { applySuppressions } from "./apply";
import { parseSuppressions } from "./parse";

const LOGS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }] };
const TODAY = "2026-12-01";

function scan(trustExtra: unknown[], deniedOps: string[] = []) {
  const b = newBuilder();
  const trust = { Version: "2012-10-17", Statement: [{ Sid: "Lambda", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }, ...trustExtra] };
  const role = b.role({ name: "worker-role", trust: trust as never, inline: { logs: LOGS as never } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
  for (const op of deniedOps) b.error({ operation: op, target: fn, code: "AccessDeniedException", message: `not authorized to perform lambda:${op} with an explicit deny in a service control policy` });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

function acceptById(report: ReturnType<typeof scan>, rule: string, reason: string) {
  const id = report.findings.find((f) => f.rule === rule)!.id;
  return parseSuppressions(JSON.stringify({ suppressions: [{ id, reason }] }));
}

const CI = { Sid: "CiAccount", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" };
const ANYONE = { Sid: "Debug", Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" };

describe("an id suppression accepts the finding it was written for, not later exposures", () => {
  it("accepting one named account in an execution role's trust does not accept Principal * added later", () => {
    const accepted = scan([CI]);
    expect(accepted.findings.map((f) => [f.rule, f.severity])).toEqual([["execution-role-trust", "medium"]]);
    const entries = acceptById(accepted, "execution-role-trust", "CI account 111122223333 runs smoke tests as this role (SEC-9)");
    const later = scan([CI, ANYONE]);
    const outcome = applySuppressions(later, entries, TODAY);
    expect(outcome.report.findings.map((f) => f.severity)).toContain("critical");
  });

  it("accepting a grant with a condition does not accept it once the condition is dropped", () => {
    const conditioned = { ...ANYONE, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } };
    const accepted = scan([conditioned]);
    expect(accepted.findings.map((f) => f.severity)).toEqual(["medium"]);
    const entries = acceptById(accepted, "execution-role-trust", "Organization callers only");
    expect(applySuppressions(scan([conditioned]), entries, TODAY).report.findings).toEqual([]); // the same scan again: still accepted
    expect(applySuppressions(scan([ANYONE]), entries, TODAY).report.findings.map((f) => f.severity)).toEqual(["critical"]);
  });

  it("the same principals in another order keep the id", () => {
    expect(scan([CI, ANYONE]).findings.map((f) => f.id)).toEqual(scan([ANYONE, CI]).findings.map((f) => f.id));
  });

  it("accepting a function's denied GetFunctionUrlConfig does not accept a later denied GetPolicy", () => {
    const accepted = scan([], ["GetFunctionUrlConfig"]);
    const entries = acceptById(accepted, "data-unavailable", "URL config reads are denied by SCP-17; the org forbids function URLs");
    expect(applySuppressions(accepted, entries, TODAY).report.findings).toEqual([]);
    const later = scan([], ["GetFunctionUrlConfig", "GetPolicy"]);
    const outcome = applySuppressions(later, entries, TODAY);
    expect(outcome.report.findings.filter((f) => f.rule === "data-unavailable").map((f) => f.title).join()).toMatch(/GetPolicy/);
  });
});
