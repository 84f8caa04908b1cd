import { describe, expect, it } from "vitest";
import { mostOpenAnswer, weakest } from "./decision";
import type { Decision } from "./types";

describe("mostOpenAnswer", () => {
  const answers: Record<string, Decision> = { a: "implicitly-denied", b: "conditional", c: "allowed", d: "explicitly-denied" };
  const asked: string[] = [];
  const ask = (action: string) => {
    asked.push(action);
    return { action, decision: answers[action] as Decision };
  };

  it("takes allowed over conditional over the refusals, the first of equals, and stops at the first allowed", () => {
    asked.length = 0;
    expect(mostOpenAnswer(["a", "b", "c", "d"], ask, (r) => r.decision)?.action).toBe("c");
    expect(asked).toEqual(["a", "b", "c"]);
    expect(mostOpenAnswer(["d", "a"], ask, (r) => r.decision)?.action).toBe("a");
    expect(mostOpenAnswer(["b", "a"], ask, (r) => r.decision)?.action).toBe("b");
    expect(mostOpenAnswer(["a", "a"], (x) => ({ x, decision: "implicitly-denied" as Decision }), (r) => r.decision)?.x).toBe("a");
    expect(mostOpenAnswer([], ask, (r) => r.decision)).toBeUndefined();
  });

  it("is the opposite of weakest, which needs every answer to grant", () => {
    expect(weakest("allowed", "conditional")).toBe("conditional");
    expect(mostOpenAnswer<Decision>(["allowed", "conditional"], (d) => d as Decision, (d) => d)).toBe("allowed");
  });
});
