/**
 * aws:ResourceTag/<key> of requests on a function whose tags the snapshot read: an ABAC grant on the function's tags
 * is decided by them (identity invokers, canRole, UpdateFunctionCode), a condition on a tag the function lacks is
 * decided too, and unread tags leave the answer conditional as before.
 */
import { describe, expect, it } from "vitest";
import { canRole, roleDecision } from "./role-access";
import { identityInvokers } from "./identity-invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { analyzeSnapshot } from "./analyze";
import { parseSnapshot } from "@/lib/snapshot/read";

const trustAccount = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }],
};

const ABAC = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["lambda:InvokeFunction", "lambda:UpdateFunctionCode"],
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } },
    },
  ],
};

function account(tags: { billing?: Record<string, string>; search?: Record<string, string>; bare?: Record<string, string> }) {
  const b = newBuilder();
  const ci = b.role({ name: "ci-payments", trust: trustAccount as never, tags: { team: "payments" }, inline: { abac: ABAC as never } });
  const exec = b.role({ name: "exec" });
  const fns = {
    billing: b.fn({ region: REGION, name: "billing", runtime: "nodejs20.x", role: exec }),
    search: b.fn({ region: REGION, name: "search", runtime: "nodejs20.x", role: exec }),
    bare: b.fn({ region: REGION, name: "bare", runtime: "nodejs20.x", role: exec }),
  };
  for (const name of ["billing", "search", "bare"] as const) {
    const t = tags[name];
    if (t) b.functionTags(fns[name], t);
  }
  b.alias(fns.billing, "live", "$LATEST");
  const model = modelOf(b);
  return { model, ci: model.roles.get(ci)!, fns };
}

/** The role's answer on the function as identity invokers list it: its own entry, else its account-wide entry's. */
function invokerAnswer(model: ReturnType<typeof account>["model"], fnArn: string, roleName: string): string | undefined {
  const { byFunction, accountWide } = identityInvokers(model);
  const own = byFunction.get(fnArn)?.find((i) => i.principal.endsWith(`/${roleName}`) && !i.qualifier);
  if (own) return own.decision;
  const wide = accountWide.find((e) => e.principal.endsWith(`/${roleName}`));
  return wide && (wide.exceptions.find((e) => e.function === fnArn)?.decision ?? wide.decision);
}

describe("aws:ResourceTag from the function's tags", () => {
  it("an ABAC invoker is allowed on the function tagged for its team and refused on another team's", () => {
    const { model, ci, fns } = account({ billing: { team: "payments", env: "prod" }, search: { team: "search" }, bare: {} });
    const ask = (action: string, resource: string) => [canRole(model, ci, { action, resource }).decision, roleDecision(model, ci, { action, resource })];
    expect(ask("lambda:InvokeFunction", fns.billing)).toEqual(["allowed", "allowed"]);
    expect(ask("lambda:InvokeFunction", fns.search)).toEqual(["implicitly-denied", "implicitly-denied"]);
    // A function read without tags lacks the key: StringEquals on it is false, not unknown.
    expect(ask("lambda:InvokeFunction", fns.bare)).toEqual(["implicitly-denied", "implicitly-denied"]);
    // Tags are the function's, shared by its aliases and versions.
    expect(ask("lambda:InvokeFunction", `${fns.billing}:live`)).toEqual(["allowed", "allowed"]);
    expect(ask("lambda:UpdateFunctionCode", fns.billing)).toEqual(["allowed", "allowed"]);
    expect(ask("lambda:UpdateFunctionCode", fns.search)).toEqual(["implicitly-denied", "implicitly-denied"]);
    expect(invokerAnswer(model, fns.billing, "ci-payments")).toBe("allowed");
    expect(invokerAnswer(model, fns.search, "ci-payments")).toBe("implicitly-denied");
    expect(invokerAnswer(model, fns.bare, "ci-payments")).toBe("implicitly-denied");
  });

  it("tags not read leave the answer conditional, as before", () => {
    const { model, ci, fns } = account({ billing: { team: "payments" } });
    expect(canRole(model, ci, { action: "lambda:InvokeFunction", resource: fns.search }).decision).toBe("conditional");
    expect(canRole(model, ci, { action: "lambda:InvokeFunction", resource: fns.search }).unknownKeys).toContain("aws:ResourceTag/team");
    expect(roleDecision(model, ci, { action: "lambda:InvokeFunction", resource: fns.search })).toBe("conditional");
    expect(invokerAnswer(model, fns.search, "ci-payments")).toBe("conditional");
    expect(invokerAnswer(model, fns.billing, "ci-payments")).toBe("allowed");
  });

  it("a Deny on a tag the function lacks is decided: not conditional", () => {
    const b = newBuilder();
    const ops = b.role({
      name: "ops",
      trust: trustAccount as never,
      inline: {
        p: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" },
            { Effect: "Deny", Action: "lambda:InvokeFunction", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "prod" } } },
          ],
        } as never,
      },
    });
    const exec = b.role({ name: "exec" });
    const dev = b.fn({ region: REGION, name: "dev-tool", runtime: "nodejs20.x", role: exec });
    const prod = b.fn({ region: REGION, name: "prod-api", runtime: "nodejs20.x", role: exec });
    const unread = b.fn({ region: REGION, name: "unread", runtime: "nodejs20.x", role: exec });
    b.functionTags(dev, { team: "tools" });
    b.functionTags(prod, { env: "prod" });
    const model = modelOf(b);
    const role = model.roles.get(ops)!;
    const decision = (fn: string) => [canRole(model, role, { action: "lambda:InvokeFunction", resource: fn }).decision, roleDecision(model, role, { action: "lambda:InvokeFunction", resource: fn })];
    expect(decision(dev)).toEqual(["allowed", "allowed"]);
    expect(decision(prod)).toEqual(["explicitly-denied", "explicitly-denied"]);
    expect(decision(unread)).toEqual(["conditional", "conditional"]);
    expect(invokerAnswer(model, dev, "ops")).toBe("allowed");
    expect(invokerAnswer(model, prod, "ops")).toBe("explicitly-denied");
    expect(invokerAnswer(model, unread, "ops")).toBe("conditional");
  });

  it("a tag keyed __proto__ (a valid AWS tag key) is a tag like any other: the grant on it decided, the report listing it", () => {
    const b = newBuilder();
    const grant = { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/__proto__": "open" } } };
    const ops = b.role({ name: "ops", trust: trustAccount as never, inline: { p: { Version: "2012-10-17", Statement: [grant] } as never } });
    const fn = b.fn({ region: REGION, name: "odd-tags", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    // JSON.parse makes an own "__proto__" key, as reading a snapshot file does (a literal would set the prototype).
    b.functionTags(fn, JSON.parse('{"__proto__":"open","constructor":"x"}') as Record<string, string>);
    const model = modelOf(b);
    expect(canRole(model, model.roles.get(ops)!, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("allowed");
    expect(invokerAnswer(model, fn, "ops")).toBe("allowed");
    const tags = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build()))).functions.find((f) => f.arn === fn)!.tags!;
    expect(Object.entries(tags)).toEqual([["__proto__", "open"], ["constructor", "x"]]);
  });

  it("requests whose action or resource does not carry the function's tags keep the keys unknown", () => {
    const { model, ci, fns } = account({ billing: { team: "payments" }, search: { team: "search" }, bare: {} });
    // A durable execution of the function: whose tags AWS weighs there is not documented.
    expect(canRole(model, ci, { action: "lambda:InvokeFunction", resource: `${fns.search}:1/durable-execution/x/y` }).decision).not.toBe("implicitly-denied");
  });
});
