/**
 * A role's (or IAM user's) policies with the policy variables of their Resource and NotResource entries substituted where the
 * role's own session fixes them: its tags, ARN and account (what `executionRoleContext` holds without a function).
 * `arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}-*` then names the role's team's functions, which the
 * shortcuts of identity-invokers.ts can look up by name, where a variable made them ask about every function.
 * The evaluator substitutes the same values (role-access.ts builds its context from the same function), so the
 * answers do not change; a variable the session leaves open (aws:userid, aws:RequestedRegion), one before the ARN's
 * fifth colon, a default holding `*` or `?`, or a `${…}` not written as a variable (none of which AWS documents a
 * reading of), keeps its statement as written.
 */
import { hasVariableBeforeResourcePart, substituteVariables } from "@/lib/policy/variables";
import { resourceHasVariables } from "@/lib/policy/statement";
import type { PolicyDocument, RequestContext, Statement } from "@/lib/policy/types";
import type { PrincipalModel } from "./role-model";
import { executionRoleContext, roleSessionKnownAbsent } from "./role-access";

export function withSessionVariables<T extends PrincipalModel>(role: T): T {
  let context: RequestContext | undefined;
  const knownAbsent = roleSessionKnownAbsent(role);
  const session = () => (context ??= { values: executionRoleContext(role), complete: false, knownAbsent });
  const identity = role.identity.map((doc) => resolved(doc, session));
  const boundary = role.boundary && resolved(role.boundary, session);
  const same = boundary === role.boundary && identity.every((doc, i) => doc === role.identity[i]);
  return same ? role : { ...role, identity, boundary };
}

function resolved(doc: PolicyDocument, session: () => RequestContext): PolicyDocument {
  let statements: Statement[] | undefined;
  doc.statements.forEach((st, i) => {
    const list = st.resource ?? st.notResource;
    if (!list || !resourceHasVariables(st, list)) return;
    const out = resolvedStatement(st, list, doc.version, session());
    if (out === st) return;
    statements ??= doc.statements.slice();
    statements[i] = out;
  });
  // Statements keep their index, Sid and text: evidence still points at the document as written.
  return statements ? { ...doc, statements: statements.filter((st): st is Statement => st !== NOTHING) } : doc;
}

/** Stands for a statement that applies to no resource: a Resource whose every entry names nothing (a variable the session does not have). */
const NOTHING = Object.freeze({}) as Statement;

function resolvedStatement(st: Statement, list: string[], version: string, context: RequestContext): Statement {
  const patterns: string[] = [];
  for (const p of list) {
    // An entry AWS may read otherwise is for the evaluator to read both ways, as written (policy/statement.ts).
    if (hasVariableBeforeResourcePart(p, version)) return st;
    const sub = substituteVariables(p, context, version);
    // So is a default's `*` or `?`, which AWS may read as wildcards (variables.ts, DefaultReading), and a variable
    // naming a multivalued key or a `${…}` not written as a variable, which AWS documents no reading of.
    if (sub.state === "unknown" || sub.state === "multivalued" || sub.state === "malformed" || (sub.state === "value" && sub.wildcardDefault)) return st;
    // An absent variable makes its entry match nothing (policy/statement.ts, resourcePatternTri): in a NotResource
    // list it excludes nothing, so the statement covers every resource the other entries leave.
    if (sub.state === "value") patterns.push(sub.text);
  }
  if (st.resource) return patterns.length > 0 ? { ...st, resource: patterns, resourceVariables: false } : NOTHING;
  return { ...st, notResource: patterns, resourceVariables: false };
}
