import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { parsePolicyDocument } from "./parse";
import { matchApplicableStatement, matchStatement, resourceAndConditionTri, statementApplies, type MatchOptions } from "./statement";
import type { EvaluationRequest, PolicyDocument, PolicySource } from "./types";

const A = "111122223333";
const roleArn = `arn:aws:iam::${A}:role/app`;

function policy(statement: object, version = "2012-10-17", kind: PolicySource["kind"] = "inline"): PolicyDocument {
  const r = parsePolicyDocument({ Version: version, Statement: [statement] }, { kind, policyName: "p" });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

function req(action: string, resource: string, ctx: Record<string, string | string[]> = {}, complete = true): EvaluationRequest {
  return { principal: { type: "role", id: roleArn, account: A }, action, resource, context: makeContext(ctx, complete) };
}

/** A request of the role's session `worker`, and the NotPrincipal list that excludes it: account, role and session. */
function workerReq(action: string, resource: string): EvaluationRequest {
  const r = req(action, resource);
  return { ...r, principal: { ...r.principal, session: "worker" } };
}
const workerExcluded = () => [`arn:aws:sts::${A}:assumed-role/${roleArn.split("/").pop()}/worker`, roleArn, `arn:aws:iam::${A}:root`];

describe("matchStatement", () => {
  it.each([
    ["reference_policies_elements_action: exact action", { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, req("s3:getobject", "arn:aws:s3:::b/k"), "true"],
    ["reference_policies_elements_notaction: NotAction matches every other action", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }, req("s3:GetObject", "arn:aws:s3:::b/k"), "true"],
    ["reference_policies_elements_notaction: NotAction excludes listed actions", { Effect: "Allow", NotAction: ["iam:*", "s3:Get*"], Resource: "*" }, req("s3:GetObject", "arn:aws:s3:::b/k"), "false"],
    ["reference_policies_elements_resource: resource glob with / in the id", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/home/*" }, req("s3:GetObject", "arn:aws:s3:::b/home/x/y"), "true"],
    ["reference_policies_elements_resource: ARNs are case-sensitive", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::B/*" }, req("s3:GetObject", "arn:aws:s3:::b/x"), "false"],
    ["reference_policies_elements_notresource: NotResource matches other resources", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::safe/*" }, req("s3:GetObject", "arn:aws:s3:::other/x"), "true"],
    ["reference_policies_elements_notresource: NotResource excludes listed resources", { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::safe/*"] }, req("s3:GetObject", "arn:aws:s3:::safe/x"), "false"],
    ["reference_policies_variables: ${aws:PrincipalTag/team} in Resource", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }, req("s3:GetObject", "arn:aws:s3:::b/blue/x", { "aws:PrincipalTag/team": "blue" }), "true"],
    ["reference_policies_variables: other team's prefix", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }, req("s3:GetObject", "arn:aws:s3:::b/red/x", { "aws:PrincipalTag/team": "blue" }), "false"],
    ["reference_policies_variables: unknown variable in Resource is unknown", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }, req("s3:GetObject", "arn:aws:s3:::b/blue/x", {}, false), "unknown"],
    ["reference_policies_variables: absent variable (context complete) does not match", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }, req("s3:GetObject", "arn:aws:s3:::b/blue/x"), "false"],
    // "the resource that includes a policy variable with no value will not match any resource" (reference_policies_variables.html,
    // "Policy variables with no value", of "the Resource or NotResource element"): such a NotResource entry excludes nothing.
    ["reference_policies_variables: NotResource with an unresolved variable excludes nothing", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }, req("s3:GetObject", "arn:aws:s3:::other/x"), "true"],
    ["reference_policies_variables: …not even the resource it would name with a value", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }, req("s3:GetObject", "arn:aws:s3:::b/blue/x"), "true"],
    ["reference_policies_variables: default applies when absent", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*" }, req("s3:GetObject", "arn:aws:s3:::b/shared/x"), "true"],
    ["reference_policies_elements_condition: condition false", { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }, req("s3:GetObject", "x", { "aws:RequestedRegion": "us-east-1" }), "false"],
    ["reference_policies_elements_condition: condition on unknown key", { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }, req("s3:GetObject", "x", {}, false), "unknown"],
  ])("%s", (_n, st, request, expected) => {
    const p = policy(st);
    const m = matchStatement(p.statements[0]!, p, request);
    expect(statementApplies(m)).toBe(expected);
  });

  it("reference_policies_elements_version: in 2008-10-17 ${aws:username} is literal text", () => {
    const p = policy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}" }, "2008-10-17");
    expect(statementApplies(matchStatement(p.statements[0]!, p, req("s3:GetObject", "arn:aws:s3:::b/${aws:username}", { "aws:username": "x" })))).toBe("true");
  });

  it("records the entries that matched, for highlighting", () => {
    const p = policy({ Sid: "S", Effect: "Allow", Action: ["s3:Put*", "s3:Get*", "s3:GetObject"], Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] });
    const m = matchStatement(p.statements[0]!, p, req("s3:GetObject", "arn:aws:s3:::b/k"));
    expect(m).toMatchObject({ sid: "S", statementIndex: 0, matched: true, condition: "true", matchedActions: ["s3:Get*", "s3:GetObject"], matchedResources: ["arn:aws:s3:::b/*"] });
  });

  it("unknown resource variable is reported as an unknown key with a note", () => {
    const p = policy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" });
    const m = matchStatement(p.statements[0]!, p, req("s3:GetObject", "arn:aws:s3:::b/blue/x", {}, false));
    expect(m.unknownKeys).toEqual(["aws:PrincipalTag/team"]);
    expect(m.conditionNotes[0]).toContain("unknown policy variable");
  });

  describe("principals (checkPrincipal)", () => {
    const rp = (principal: unknown, effect = "Allow", key = "Principal") =>
      policy({ Effect: effect, [key]: principal, Action: "lambda:InvokeFunction", Resource: "*" }, "2012-10-17", "resource");
    it.each([
      ["reference_policies_elements_principal: role ARN", rp({ AWS: roleArn }), "exact", true],
      ["reference_policies_elements_principal: account id", rp({ AWS: A }), "account", true],
      ["reference_policies_elements_principal: other account", rp({ AWS: "444455556666" }), undefined, false],
      ["reference_policies_elements_principal: wildcard", rp("*"), "wildcard", true],
      ["reference_policies_elements_notprincipal: not listed", rp({ AWS: "444455556666" }, "Deny", "NotPrincipal"), "not-principal", true],
    ])("%s", (_n, p, kind, matched) => {
      const m = matchStatement(p.statements[0]!, p, req("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:1:function:f"), { checkPrincipal: true });
      expect(m.principalMatch).toBe(kind);
      expect(m.matched).toBe(matched);
    });
    it("access_policies_boundaries: Deny with NotPrincipal always applies to a caller with a boundary", () => {
      const p = rp({ AWS: workerExcluded() }, "Deny", "NotPrincipal");
      const request = workerReq("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:1:function:f");
      expect(matchStatement(p.statements[0]!, p, request, { checkPrincipal: true }).matched).toBe(false);
      expect(matchStatement(p.statements[0]!, p, request, { checkPrincipal: true, principalHasBoundary: true }).matched).toBe(true);
    });
  });
});

describe("resourceAndConditionTri (the decision-only path: no evidence)", () => {
  const team = "arn:aws:s3:::b/${aws:PrincipalTag/team}/*";
  it.each([
    ["reference_policies_elements_notresource: NotResource matches other resources", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::safe/*" }, req("s3:GetObject", "arn:aws:s3:::other/x"), "true"],
    ["reference_policies_elements_notresource: NotResource excludes listed resources", { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::a/*", "arn:aws:s3:::safe/*"] }, req("s3:GetObject", "arn:aws:s3:::safe/x"), undefined],
    ["reference_policies_elements_resource: an unlisted resource rules the statement out", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::safe/*" }, req("s3:GetObject", "arn:aws:s3:::other/x"), undefined],
    ["reference_policies_variables: a resource that depends on an unknown variable is unknown", { Effect: "Allow", Action: "s3:*", Resource: team }, req("s3:GetObject", "arn:aws:s3:::b/blue/x", {}, false), "unknown"],
    ["reference_policies_variables: unknown resource and a true condition: still unknown", { Effect: "Allow", Action: "s3:*", Resource: team, Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }, req("s3:GetObject", "arn:aws:s3:::b/blue/x", { "aws:RequestedRegion": "us-east-1" }, false), "unknown"],
    ["reference_policies_variables: unknown resource and a false condition: false", { Effect: "Allow", Action: "s3:*", Resource: team, Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }, req("s3:GetObject", "arn:aws:s3:::b/blue/x", { "aws:RequestedRegion": "us-east-1" }, false), "false"],
  ])("%s", (_n, st, request, expected) => {
    const p = policy(st);
    expect(resourceAndConditionTri(p.statements[0]!, p, request)).toBe(expected);
  });
});

describe("matchApplicableStatement (the evaluator's hot path)", () => {
  const patterns = fc.constantFrom("*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::?/*", "arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "arn:aws:sqs:*:*:q");
  const resources = fc.constantFrom("arn:aws:s3:::b/k", "arn:aws:s3:::b/blue/x", "arn:aws:s3:::c/k", "arn:aws:sqs:us-east-1:111122223333:q");
  it("agrees with the full match: same statements apply, with the same matched entries and condition", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Resource", "NotResource", "none"),
        fc.oneof(
          fc.array(patterns, { minLength: 1, maxLength: 3 }),
          // Long lists take an indexed path: literals (repeated too) among globs, matched entries in list order.
          fc.array(fc.oneof(patterns, resources, resources), { minLength: 16, maxLength: 40 }),
        ),
        resources,
        fc.constantFrom("2012-10-17", "2008-10-17"),
        fc.boolean(),
        (element, list, resource, version, known) => {
          const st = { Effect: "Allow", Action: "*", ...(element === "none" ? {} : { [element]: list }) };
          const p = policy(st, version);
          const request = req("s3:GetObject", resource, known ? { "aws:PrincipalTag/team": "blue" } : {}, known);
          const full = matchStatement(p.statements[0]!, p, request);
          const fast = matchApplicableStatement(p.statements[0]!, p, request, { checkPrincipal: false });
          if (!full.matched) expect(fast).toBeUndefined();
          else expect(fast).toMatchObject({ matched: true, condition: full.condition, matchedResources: full.matchedResources, unknownKeys: full.unknownKeys });
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe("matchStatement: evidence of resources, sessions and principals", () => {
  const team = "arn:aws:s3:::b/${aws:PrincipalTag/team}/*";
  const get = (resource: string, ctx: Record<string, string> = {}, complete = true) => req("s3:GetObject", resource, ctx, complete);
  const only = (st: object, request: EvaluationRequest, opts: MatchOptions = { checkPrincipal: false }) => {
    const p = policy(st, "2012-10-17", "Principal" in st || "NotPrincipal" in st ? "resource" : "inline");
    return matchStatement(p.statements[0]!, p, request, opts);
  };

  // Were the tag "blue", the NotResource would spare the resource; any other value and it covers it.
  it("reference_policies_variables: a NotResource entry with an unknown variable may or may not cover the resource", () => {
    const m = only({ Effect: "Deny", Action: "s3:*", NotResource: team }, get("arn:aws:s3:::b/blue/x", {}, false));
    expect(statementApplies(m)).toBe("unknown");
    expect(m.unknownKeys).toEqual(["aws:PrincipalTag/team"]);
  });

  it("reference_policies_variables: an entry whose variable is absent is noted as naming nothing, not as unknown", () => {
    const m = only({ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::b/k", team] }, get("arn:aws:s3:::b/k"));
    expect(statementApplies(m)).toBe("true");
    expect(m.conditionNotes).toEqual([`Resource ${team}: policy variable(s) aws:PrincipalTag/team absent, so it matches nothing`]);
    expect(m.unknownKeys).toEqual([]);
  });

  it("names each unknown key once, whether two entries or an entry and the condition depend on it", () => {
    const twoEntries = only({ Effect: "Allow", Action: "s3:*", Resource: [team, "arn:aws:s3:::c/${aws:PrincipalTag/team}"] }, get("arn:aws:s3:::b/blue/x", {}, false));
    expect(twoEntries.unknownKeys).toEqual(["aws:PrincipalTag/team"]);
    const withCondition = only(
      { Effect: "Allow", Action: "s3:*", Resource: team, Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
      get("arn:aws:s3:::b/blue/x", {}, false),
    );
    expect(withCondition.condition).toBe("unknown");
    expect(withCondition.unknownKeys).toEqual(["aws:PrincipalTag/team", "aws:SourceIp"]);
  });

  it("a false condition carries no unknown keys, though one of its clauses was unknown", () => {
    const m = only(
      { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" }, StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
      get("arn:aws:s3:::b/k", { "aws:RequestedRegion": "us-east-1" }, false),
    );
    expect(m.condition).toBe("false");
    expect(m.unknownKeys).toEqual([]);
    const unknownResource = only(
      { Effect: "Allow", Action: "s3:*", Resource: team, Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
      get("arn:aws:s3:::b/blue/x", { "aws:RequestedRegion": "us-east-1" }, false),
    );
    expect(unknownResource.condition).toBe("false");
    expect(unknownResource.unknownKeys).toEqual([]);
  });

  it("the hot path records the entries that matched after substituting a variable", () => {
    const p = policy({ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::a/*", team] });
    const m = matchApplicableStatement(p.statements[0]!, p, get("arn:aws:s3:::b/blue/x", { "aws:PrincipalTag/team": "blue" }), { checkPrincipal: false });
    expect(m?.matchedResources).toEqual([team]);
    expect(m?.conditionNotes).toEqual([]);
  });

  it("a long Resource list of literal ARNs does not cover a resource it does not name", () => {
    const arns = Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::b/k${i}`);
    const p = policy({ Effect: "Allow", Action: "s3:*", Resource: arns });
    expect(matchApplicableStatement(p.statements[0]!, p, get("arn:aws:s3:::b/other"), { checkPrincipal: false })).toBeUndefined();
    expect(matchApplicableStatement(p.statements[0]!, p, get("arn:aws:s3:::b/k7"), { checkPrincipal: false })?.matchedResources).toEqual(["arn:aws:s3:::b/k7"]);
  });

  describe("a session of the caller's role, the caller's session not known", () => {
    const session = `arn:aws:sts::${A}:assumed-role/app/worker`;
    const invoke = (extra: object) => ({ Action: "lambda:InvokeFunction", Resource: "*", ...extra });
    const call = req("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:1:function:f", {}, false);
    const check = { checkPrincipal: true };

    it("a Principal naming it may apply, depending on aws:userid", () => {
      const m = only({ Effect: "Allow", ...invoke({ Principal: { AWS: session } }) }, call, check);
      expect(m.principalMatch).toBe("unknown-session");
      expect(statementApplies(m)).toBe("unknown");
      expect(m.unknownKeys).toEqual(["aws:userid"]);
      expect(m.conditionNotes).toEqual(["Principal names a session of the caller's role; which session makes the request is not known"]);
    });

    it("aws:userid is named once when the condition already depends on it", () => {
      const m = only({ Effect: "Allow", ...invoke({ Principal: { AWS: session }, Condition: { StringLike: { "aws:userid": "AROA*:worker" } } }) }, call, check);
      expect(m.unknownKeys).toEqual(["aws:userid"]);
    });

    // reference_policies_elements_notprincipal: a session listed without the role "might" not exclude the caller.
    it("a NotPrincipal listing it with the account, not the role, may or may not exclude the caller", () => {
      const m = only({ Effect: "Deny", ...invoke({ NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, session] } }) }, call, check);
      expect(m.principalMatch).toBe("unknown-not-principal");
      expect(statementApplies(m)).toBe("unknown");
      expect(m.conditionNotes[0]).toMatch(/^NotPrincipal names a session of the caller's role/);
    });
  });

  // access_policies_boundaries: the boundary rule concerns a Deny with NotPrincipal; an Allow's NotPrincipal is read as listed.
  it("an Allow with NotPrincipal excluding the caller still excludes it when the caller has a boundary", () => {
    const st = { Effect: "Allow", NotPrincipal: { AWS: workerExcluded() }, Action: "lambda:InvokeFunction", Resource: "*" };
    const m = only(st, workerReq("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:1:function:f"), { checkPrincipal: true, principalHasBoundary: true });
    expect(m.matched).toBe(false);
  });

  it("says which element a grant to a web-identity provider names", () => {
    const OIDC = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
    const request: EvaluationRequest = { principal: { type: "federated", id: OIDC }, action: "lambda:InvokeFunction", resource: "arn:aws:lambda:us-east-1:1:function:f", context: makeContext({}, false) };
    const m = only({ Effect: "Allow", Principal: { Federated: OIDC }, Action: "lambda:InvokeFunction", Resource: "*" }, request, { checkPrincipal: true });
    expect(m.conditionNotes).toEqual(["Principal names a Federated (web-identity or SAML) principal, which a resource policy may not honour: requests arrive as IAM identities"]);
  });
});

describe("reference_policies_variables / Resource element: only after the ARN's fifth colon", () => {
  // "You can use a policy variable in the Resource element, but only in the resource portion of the ARN. This portion of
  // the ARN appears after the fifth colon (:). You can't use a variable to replace parts of the ARN before the fifth
  // colon, such as the service or account." AWS does not say what it makes of one there: substituted, or kept as the
  // text written. An entry is decided only where both readings agree.
  const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  const inRegion = `arn:aws:lambda:\${aws:RequestedRegion}:${A}:function:f`;
  const invoke = (resource: string, ctx: Record<string, string> = { "aws:RequestedRegion": "us-east-1" }, complete = true) =>
    req("lambda:InvokeFunction", resource, ctx, complete);
  const only = (st: object, request: EvaluationRequest) => {
    const p = policy(st);
    return matchStatement(p.statements[0]!, p, request);
  };

  it("a region from a variable that would name the function is unknown, and names the entry AWS may read otherwise", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: inRegion }, invoke(fn));
    expect(statementApplies(m)).toBe("unknown");
    expect(m.undocumentedValues).toEqual([`Resource "${inRegion}"`]);
    expect(m.conditionNotes.join(" ")).toContain("before the ARN's fifth colon");
  });

  it("…the hot path and the evidence agree", () => {
    const p = policy({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: inRegion });
    expect(resourceAndConditionTri(p.statements[0]!, p, invoke(fn))).toBe("unknown");
  });

  it("…a function neither reading names is settled: the statement does not apply", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: inRegion }, invoke(`arn:aws:lambda:us-east-1:${A}:function:other`));
    expect(statementApplies(m)).toBe("false");
  });

  it("an account from a variable (\"such as the service or account\") is unknown too", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:function:f" }, invoke(fn, { "aws:PrincipalAccount": A }));
    expect(statementApplies(m)).toBe("unknown");
  });

  it("a whole ARN from a variable is unknown", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "${aws:PrincipalTag/fn}" }, invoke(fn, { "aws:PrincipalTag/fn": fn }));
    expect(statementApplies(m)).toBe("unknown");
  });

  it("a NotResource entry of that kind may or may not spare the function it would name", () => {
    const st = { Effect: "Deny", Action: "lambda:InvokeFunction", NotResource: inRegion };
    expect(statementApplies(only(st, invoke(fn)))).toBe("unknown");
    expect(statementApplies(only(st, invoke(`arn:aws:lambda:us-east-1:${A}:function:other`)))).toBe("true");
  });

  it("a variable after the fifth colon is read as documented (colons inside the variable's own name do not count)", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:us-east-1:${A}:function:\${aws:PrincipalTag/fn}` }, invoke(fn, { "aws:PrincipalTag/fn": "f" }));
    expect(statementApplies(m)).toBe("true");
    expect(m.undocumentedValues).toBeUndefined();
  });
});

describe("reference_policies_variables / default values: a default holding * or ?", () => {
  // "${aws:PrincipalTag/team, '*'}": AWS documents defaults, and that substituted values are literal, but not whether a
  // default's * or ? is the character or a wildcard. An entry is decided only where both readings agree.
  const team = `arn:aws:lambda:us-east-1:${A}:function:\${aws:PrincipalTag/team, '*'}`;
  const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  const only = (st: object, request: EvaluationRequest) => {
    const p = policy(st);
    return matchStatement(p.statements[0]!, p, request);
  };

  it("a default that would match the function as a wildcard is unknown, and names the entry", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: team }, req("lambda:InvokeFunction", fn));
    expect(statementApplies(m)).toBe("unknown");
    expect(m.undocumentedValues).toEqual([`Resource "${team}"`]);
    expect(m.conditionNotes.join(" ")).toContain("default holds * or ?");
  });

  it("…the hot path and the evidence agree", () => {
    const p = policy({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: team });
    expect(resourceAndConditionTri(p.statements[0]!, p, req("lambda:InvokeFunction", fn))).toBe("unknown");
  });

  it("…where both readings agree the entry is settled, and names nothing", () => {
    const suffixed = `arn:aws:lambda:us-east-1:${A}:function:\${aws:PrincipalTag/team, '?'}-x`;
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: suffixed }, req("lambda:InvokeFunction", fn));
    expect(statementApplies(m)).toBe("false");
    expect(m.undocumentedValues).toBeUndefined();
  });

  it("…and a tag the request carries uses no default: decided as documented", () => {
    const m = only({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: team }, req("lambda:InvokeFunction", fn, { "aws:PrincipalTag/team": "f" }));
    expect(statementApplies(m)).toBe("true");
    expect(m.undocumentedValues).toBeUndefined();
  });

  it("a NotResource entry of that kind may or may not spare the function", () => {
    expect(statementApplies(only({ Effect: "Deny", Action: "lambda:InvokeFunction", NotResource: team }, req("lambda:InvokeFunction", fn)))).toBe("unknown");
  });
});

describe("reference_policies_variables / Special characters: one round of substitution", () => {
  // "${$} - use where you need a $ (dollar sign) character": "${$}{aws:SourceIdentity}" is the text
  // "${aws:SourceIdentity}", not a variable. A statement whose variables were already substituted (as
  // analysis/session-variables.ts does, marking it resourceVariables: false) is not substituted again.
  it("an entry substituted once is matched as the text it became, in the evidence as in the hot path", () => {
    const p = policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${$}{aws:SourceIdentity}" });
    const substituted = { ...p.statements[0]!, resource: ["arn:aws:s3:::b/${aws:SourceIdentity}"], resourceVariables: false };
    const request = req("s3:GetObject", "arn:aws:s3:::b/${aws:SourceIdentity}", {}, false);
    expect(statementApplies(matchStatement(p.statements[0]!, p, request))).toBe("true");
    expect(statementApplies(matchStatement(substituted, p, request))).toBe("true");
    expect(resourceAndConditionTri(substituted, p, request)).toBe("true");
  });
});

describe("reference_policies_variables / Where you can use policy variables", () => {
  // "You can use policy variables in the Resource element and in string comparisons in the Condition element." Elsewhere
  // `${…}` is the text written: a Principal or Action entry holding one names only what is spelled that way.
  const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  const ctx = { "aws:PrincipalAccount": A, "aws:username": "app" };

  it("a Principal entry holding ${aws:PrincipalAccount} does not name the caller's account", () => {
    const p = policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::${aws:PrincipalAccount}:root" }, Action: "lambda:InvokeFunction", Resource: fn }, "2012-10-17", "resource");
    expect(statementApplies(matchStatement(p.statements[0]!, p, req("lambda:InvokeFunction", fn, ctx, false), { checkPrincipal: true }))).toBe("false");
  });

  it("a NotPrincipal entry holding ${aws:PrincipalAccount} excludes no one: a Deny naming it applies to the caller", () => {
    const p = policy({ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::${aws:PrincipalAccount}:root" }, Action: "lambda:InvokeFunction", Resource: fn }, "2012-10-17", "resource");
    expect(statementApplies(matchStatement(p.statements[0]!, p, req("lambda:InvokeFunction", fn, ctx, false), { checkPrincipal: true }))).toBe("true");
  });

  it("an Action entry holding ${aws:username} covers no action", () => {
    const p = policy({ Effect: "Allow", Action: "lambda:${aws:username}", Resource: fn });
    expect(statementApplies(matchStatement(p.statements[0]!, p, req("lambda:InvokeFunction", fn, { ...ctx, "aws:username": "InvokeFunction" })))).toBe("false");
  });
});

describe("reference_policies_variables: a Resource or NotResource entry naming a multivalued key as a variable", () => {
  // "You can't use a multivalued condition key as a variable", and AWS does not say what such an entry then names.
  const fn = `arn:aws:lambda:us-east-1:${A}:function:team`;
  const entry = `arn:aws:lambda:us-east-1:${A}:function:\${aws:TagKeys}`;
  const ctx = { "aws:TagKeys": ["team"] };

  it.each(["Resource", "NotResource"])("%s: the statement applies conditionally, the entry named", (element) => {
    const p = policy({ Effect: "Deny", Action: "lambda:InvokeFunction", [element]: entry });
    const m = matchStatement(p.statements[0]!, p, req("lambda:InvokeFunction", fn, ctx, true));
    expect(statementApplies(m)).toBe("unknown");
    expect(m.unknownKeys).toEqual([]);
    expect(m.undocumentedValues).toEqual([`Resource ${JSON.stringify(entry)}`]);
    expect(m.conditionNotes.join(" ")).toContain("aws:TagKeys name a multivalued key");
  });
});

describe("reference_policies_variables: a Resource or NotResource entry holding a `${…}` not written as a variable", () => {
  // AWS documents `${key}` and `${key, 'default'}` (the default "surrounded with single quotes") and nothing else: an
  // unquoted default may be read as text, as the variable or as one that fails, and each names another resource.
  const fn = `arn:aws:lambda:us-east-1:${A}:function:team`;
  const entry = `arn:aws:lambda:us-east-1:${A}:function:\${aws:PrincipalTag/fn, team}`;

  it.each(["Resource", "NotResource"])("%s: the statement applies conditionally, the entry named", (element) => {
    const p = policy({ Effect: "Deny", Action: "lambda:InvokeFunction", [element]: entry });
    const m = matchStatement(p.statements[0]!, p, req("lambda:InvokeFunction", fn, {}, true));
    expect(statementApplies(m)).toBe("unknown");
    expect(m.unknownKeys).toEqual([]);
    expect(m.undocumentedValues).toEqual([`Resource ${JSON.stringify(entry)}`]);
    expect(m.conditionNotes.join(" ")).toContain('"${aws:PrincipalTag/fn, team}" is not written as AWS documents a policy variable');
  });
});
