import { describe, expect, it } from "vitest";
import { invokerEdgeLabel } from "./invoker-label";

describe("invokerEdgeLabel", () => {
  it("says what narrows a way in, and InvokeAsync where that deprecated API is all it grants", () => {
    const role = { via: "identity-policy" as const, principal: "arn:aws:iam::123456789012:role/ops", principalType: "role" as const };
    expect(invokerEdgeLabel({ ...role, actions: ["lambda:InvokeFunction"] })).toBe("identity policy");
    expect(invokerEdgeLabel({ ...role, actions: ["lambda:InvokeAsync"] })).toBe("identity policy · InvokeAsync");
    const grant = { via: "resource-policy" as const, principal: "210987654321", principalType: "account" as const };
    expect(invokerEdgeLabel({ ...grant, conditionSummary: "SourceAccount = 1", actions: ["lambda:InvokeAsync"] })).toBe("SourceAccount = 1 · InvokeAsync");
    expect(invokerEdgeLabel({ ...grant, actions: ["lambda:InvokeAsync"] })).toBe("InvokeAsync");
    expect(invokerEdgeLabel({ ...grant, actions: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"] })).toBeUndefined();
    expect(invokerEdgeLabel({ via: "function-url", principal: "*", principalType: "public", authType: "NONE" })).toBe("URL NONE");
  });
});
