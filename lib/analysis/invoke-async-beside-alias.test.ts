/**
 * Publishing a version and pointing an alias at it changes nothing about who may invoke the function itself. A role
 * allowed `lambda:*` on every function of the account, refused `lambda:InvokeFunction` on one function by that
 * function's policy (a Deny naming InvokeFunction only), may still call the deprecated `lambda:InvokeAsync` on it: the
 * report lists it ("InvokeAsync still invokes", README), with `actions: ["lambda:InvokeAsync"]`. With version 7 and
 * alias `prod` published, the role may invoke the alias and the version, which run version 7's code; that must not
 * hide the unqualified InvokeAsync way in, which runs `$LATEST`'s (identity-invokers.ts, `asyncOnly`).
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { buildAccountModel } from "./account-model";
import { canRole } from "./role-access";
import { parseSnapshot } from "@/lib/snapshot/read";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, newBuilder } from "./test-support";

function snapshot(withAlias: boolean) {
  const b = newBuilder();
  const exec = b.role({ name: "exec", trust: serviceTrust(), inline: { logs: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } });
  const caller = b.role({ name: "caller", trust: serviceTrust("states.amazonaws.com"), inline: { p: policy({ Effect: "Allow", Action: "lambda:*", Resource: `arn:aws:lambda:*:${ACCOUNT}:function:*` }) } });
  const fn = b.fn({ region: REGION, name: "billing", runtime: "nodejs22.x", role: exec });
  b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "deny", Effect: "Deny", Principal: { AWS: caller }, Action: "lambda:InvokeFunction", Resource: fn }] } as never);
  if (withAlias) {
    b.version(fn, "7");
    b.alias(fn, "prod", "7");
  }
  return { raw: JSON.parse(JSON.stringify(b.build())), fn, caller };
}

describe("a role refused InvokeFunction but allowed InvokeAsync on a function", () => {
  it.each([false, true])("is listed as an InvokeAsync caller of the function (alias and version published: %s)", (withAlias) => {
    const { raw, fn, caller } = snapshot(withAlias);
    const model = buildAccountModel(parseSnapshot(raw));
    const fnModel = model.functions.find((f) => f.arn === fn)!;
    expect(canRole(model, model.roles.get(caller)!, { action: "lambda:InvokeAsync", resource: fn }, fnModel).decision).toBe("allowed");
    const report = analyzeSnapshot(parseSnapshot(raw));
    const entry = report.functions[0]!.invokers.find((i) => i.via === "identity-policy" && i.principal === caller && !i.qualifier);
    expect(entry).toMatchObject({ actions: ["lambda:InvokeAsync"], decision: "allowed" });
  });
});
