import { describe, expect, it } from "vitest";
import { modelOf, newBuilder } from "./test-support";
import { withSessionVariables } from "./session-variables";
import type { PrincipalOrganization } from "./role-model";

/** The role's one inline statement's Resource after withSessionVariables, and whether it is still as written. */
function resolvedResource(resource: string, tags: Record<string, string> = {}, organization?: PrincipalOrganization) {
  const b = newBuilder();
  const arn = b.role({ name: "caller", tags, inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: resource }] } } });
  const modelled = modelOf(b).roles.get(arn)!;
  const role = organization ? { ...modelled, organization } : modelled;
  const [before] = role.identity[0]!.statements;
  const [after] = withSessionVariables(role).identity[0]!.statements;
  return { resource: after!.resource, asWritten: after === before };
}

describe("withSessionVariables", () => {
  it("substitutes what the role's session fixes, after the ARN's fifth colon", () => {
    expect(resolvedResource("arn:aws:lambda:*:*:function:${aws:PrincipalTag/team}-*", { team: "blue" })).toEqual({ resource: ["arn:aws:lambda:*:*:function:blue-*"], asWritten: false });
  });

  it("reference_policies_variables: \"You can't use a variable to replace parts of the ARN before the fifth colon, such as the service or account\": such an entry keeps its statement as written", () => {
    // AWS does not say what it makes of one there; the evaluator reads it both ways (policy/statement.ts), which a
    // statement substituted here would no longer let it do.
    expect(resolvedResource(`arn:aws:lambda:*:\${aws:PrincipalAccount}:function:f`)).toEqual({ resource: [`arn:aws:lambda:*:\${aws:PrincipalAccount}:function:f`], asWritten: true });
  });

  it("a default holding * or ?, which AWS may read as a wildcard, keeps its statement as written for the evaluator to read both ways", () => {
    const team = "arn:aws:lambda:*:*:function:${aws:PrincipalTag/team, '*'}";
    expect(resolvedResource(team)).toEqual({ resource: [team], asWritten: true });
    // A tag the session has uses no default: substituted as before.
    expect(resolvedResource(team, { team: "blue" })).toEqual({ resource: ["arn:aws:lambda:*:*:function:blue"], asWritten: false });
  });

  it("reference_policies_variables: \"You can't use a multivalued condition key as a variable\": an entry naming one (aws:PrincipalOrgPaths) keeps its statement as written", () => {
    // AWS does not say what it makes of one; the evaluator answers conditionally (policy/statement.ts), which a
    // statement whose entry was dropped here, as one with no value, would no longer let it do.
    const paths = "arn:aws:lambda:*:*:function:${aws:PrincipalOrgPaths}";
    expect(resolvedResource(paths, {}, { id: "o-a1b2c3d4e5", path: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/" })).toEqual({ resource: [paths], asWritten: true });
  });

  it("an entry holding a `${…}` not written as a variable (an unquoted default) keeps its statement as written", () => {
    // reference_policies_variables documents a default only in single quotes; the evaluator answers conditionally
    // (policy/statement.ts), which a statement whose entry was dropped here, as one with no value, would not let it do.
    const team = "arn:aws:lambda:*:*:function:${aws:PrincipalTag/team, blue}";
    expect(resolvedResource(team)).toEqual({ resource: [team], asWritten: true });
  });
});
