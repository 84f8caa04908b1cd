/**
 * A function-policy grant to the function's own account (`arn:aws:iam::A:root`) lets in the account's principals,
 * every one of which is under the organization's SCPs (lambda-permissions.md §5.1): an SCP that denies them
 * lambda:InvokeFunction refuses the grant for all of them. The invoker list once answered such a grant from the
 * function policy alone ("allowed"), though it weighs SCPs for a role or user the grant names.
 */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { deny, policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const OTHER = "210987654321";

/** A `*` grant of lambda:InvokeFunction narrowed by `condition`. */
function anyone(sid: string, fn: string, condition: Record<string, unknown>): IamStatement {
  return { Sid: sid, Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition } as never;
}

/**
 * The decisions of grants to the own account and to another, and of `*` grants narrowed by condition, under an SCP
 * holding `scpStatement`.
 */
function decisions(scpStatement: IamStatement) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.resourcePolicy(
    fn,
    policy(
      { Sid: "Own", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "lambda:InvokeFunction", Resource: fn } as never,
      { Sid: "Other", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "lambda:InvokeFunction", Resource: fn } as never,
      anyone("OwnByAccount", fn, { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }),
      anyone("OwnByArn", fn, { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/caller` } }),
      anyone("OtherByAccount", fn, { StringEquals: { "aws:PrincipalAccount": OTHER } }),
      anyone("OwnSources", fn, { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
      anyone("OwnOrg", fn, { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
    ),
  );
  const scp = { id: "p-guard", name: "guard", document: policy(scpStatement) };
  b.organization({ enabled: ["SERVICE_CONTROL_POLICY"], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, scp] } });
  const model = modelOf(b);
  return Object.fromEntries(invokersOf(model, model.functions[0]!).map((i) => [i.sid, i]));
}

describe("a function-policy grant to the function's own account under SCPs", () => {
  it("is refused when an SCP denies the account's principals lambda:InvokeFunction, and names it", () => {
    const { Own, Other } = decisions(deny("lambda:InvokeFunction", "*", { sid: "NoInvoke" }));
    expect(Own).toMatchObject({ principalType: "account", decision: "explicitly-denied", deniedBy: [expect.stringContaining("NoInvoke")] });
    // Another account's principals are under their own organization's SCPs, not this one's.
    expect(Other?.decision).toBe("allowed");
  });

  it("`*` narrowed to the account's principals (aws:PrincipalAccount, aws:PrincipalArn) is refused alike", () => {
    const all = decisions(deny("lambda:InvokeFunction", "*", { sid: "NoInvoke" }));
    for (const sid of ["OwnByAccount", "OwnByArn"]) {
      expect(all[sid], sid).toMatchObject({ principalType: "public", decision: "explicitly-denied", deniedBy: [expect.stringContaining("NoInvoke")] });
    }
    expect(all.OtherByAccount?.decision).toBe("allowed");
    // aws:SourceAccount narrows to services acting for the account's resources: SCPs do not limit service principals.
    expect(all.OwnSources?.decision).toBe("allowed");
    // The organization's other accounts stand under SCPs the snapshot does not hold, and its management account under
    // none (orgs_manage_policies_scps.html): the account's own SCP does not shut them out.
    expect(all.OwnOrg?.decision).toBe("allowed");
  });

  it("is conditional when the SCP's Deny spares some principals (a region lock with an exempt role)", () => {
    const { Own } = decisions(
      deny("*", "*", {
        condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" }, ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/break-glass` } },
      }),
    );
    expect(Own?.decision).toBe("conditional");
  });

  it("`*` narrowed to the account is conditional where the SCP's Deny spares some principals", () => {
    const { OwnByAccount, OwnByArn } = decisions(
      deny("lambda:InvokeFunction", "*", { condition: { ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/break-glass` } } }),
    );
    expect(OwnByAccount?.decision).toBe("conditional");
    // The grant names the role, which the Deny does not spare.
    expect(OwnByArn?.decision).toBe("explicitly-denied");
  });
});

describe("a function-URL grant to the account's principals under SCPs", () => {
  /** URL-only grants of both URL actions (AWS_IAM URL) to `principal`, narrowed by `condition`, under `scpStatement`. */
  function urlDecisions(principal: unknown, condition: Record<string, Record<string, string>>, scpStatement: IamStatement, fullAccess = true) {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.url(fn, { authType: "AWS_IAM" });
    const url = { ...condition, StringEquals: { ...condition.StringEquals, "lambda:FunctionUrlAuthType": "AWS_IAM" } };
    const invoke = { ...condition, Bool: { "lambda:InvokedViaFunctionUrl": "true" } };
    b.resourcePolicy(
      fn,
      policy(
        { Sid: "Url", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: url } as never,
        { Sid: "Invoke", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunction", Resource: fn, Condition: invoke } as never,
      ),
    );
    const scp = { id: "p-guard", name: "guard", document: policy(scpStatement) };
    b.organization({ enabled: ["SERVICE_CONTROL_POLICY"], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: fullAccess ? [FULL_AWS_ACCESS, scp] : [scp] } });
    const model = modelOf(b);
    return invokersOf(model, model.functions[0]!).filter((i) => i.via === "resource-policy");
  }

  const noUrlCalls = deny("lambda:InvokeFunctionUrl", "*", { sid: "NoUrl" });

  it("`*` narrowed by aws:PrincipalAccount to the account is refused by an SCP denying InvokeFunctionUrl", () => {
    const grants = urlDecisions("*", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }, noUrlCalls);
    expect(grants.map((g) => [g.sid, g.urlOnly, g.decision])).toEqual([
      ["Url", true, "explicitly-denied"],
      ["Invoke", true, "explicitly-denied"],
    ]);
    expect(grants[0]?.deniedBy).toEqual([expect.stringContaining("NoUrl")]);
  });

  it("the account root is refused alike; another account's `*` grant is not", () => {
    expect(urlDecisions(`arn:aws:iam::${ACCOUNT}:root`, {}, noUrlCalls).map((g) => g.decision)).toEqual(["explicitly-denied", "explicitly-denied"]);
    expect(urlDecisions("*", { StringEquals: { "aws:PrincipalAccount": OTHER } }, noUrlCalls).map((g) => g.decision)).toEqual(["allowed", "allowed"]);
  });

  it("the account root is refused where the account's SCPs allow no Lambda call, which no identity policy can lift", () => {
    const onlyS3 = { Effect: "Allow", Action: "s3:*", Resource: "*" } as IamStatement;
    expect(urlDecisions(`arn:aws:iam::${ACCOUNT}:root`, {}, onlyS3, false).map((g) => g.decision)).toEqual(["implicitly-denied", "implicitly-denied"]);
  });
});
