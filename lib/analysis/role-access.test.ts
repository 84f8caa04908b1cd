import { describe, expect, it } from "vitest";
import { canRole } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

describe("canRole request context", () => {
  it("is each function's own when functions share a role, asked in any order", () => {
    const b = newBuilder();
    const fnA = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`;
    const role = b.role({
      name: "shared",
      inline: {
        p: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { ArnEquals: { "lambda:SourceFunctionArn": fnA } } }],
        } as never,
      },
    });
    b.fn({ region: REGION, name: "a", runtime: "nodejs20.x", role });
    b.fn({ region: REGION, name: "b", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const [a, bFn] = [model.functionsByArn.get(fnA)!, model.functions.find((f) => f.name === "b")!];
    const ask = (fn: typeof a) => canRole(model, fn.role!, { action: "s3:GetObject", resource: "arn:aws:s3:::x/y" }, fn).decision;
    expect(ask(a)).toBe("allowed");
    expect(ask(bFn)).toBe("implicitly-denied");
    expect(ask(a)).toBe("allowed");
    expect(canRole(model, a.role!, { action: "s3:GetObject", resource: "arn:aws:s3:::x/y" }).decision).toBe("conditional");
  });
});
