import { describe, expect, it } from "vitest";
import { DECISION_RANK, isOpen, mostOpenAnswer, weakest } from "./decision";
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
    // Of two different answers with the same decision, the first asked is kept (its evidence is the one reported).
    const same = (action: string) => ({ action, decision: "conditional" as Decision });
    expect(mostOpenAnswer(["lambda:InvokeFunction", "lambda:InvokeAsync"], same, (r) => r.decision)?.action).toBe("lambda:InvokeFunction");
  });

  it("is the opposite of weakest, which needs every answer to grant", () => {
    expect(weakest("allowed", "conditional")).toBe("conditional");
    expect(mostOpenAnswer<Decision>(["allowed", "conditional"], (d) => d as Decision, (d) => d)).toBe("allowed");
  });
});

const ALL: Decision[] = ["allowed", "conditional", "implicitly-denied", "explicitly-denied"];

describe("ordering decisions (reference_policies_evaluation-logic: an explicit deny overrides any allow)", () => {
  it("ranks allowed < conditional < implicitly-denied < explicitly-denied", () => {
    const ranked = [...ALL].sort((a, b) => DECISION_RANK[a] - DECISION_RANK[b]);
    expect(ranked).toEqual(ALL);
    expect(new Set(ALL.map((d) => DECISION_RANK[d])).size).toBe(4);
  });

  it.each([
    ["allowed", true],
    ["conditional", true],
    ["implicitly-denied", false],
    ["explicitly-denied", false],
  ] as [Decision, boolean][])("isOpen(%s) = %s", (d, open) => {
    expect(isOpen(d)).toBe(open);
  });

  it("weakest: every answer must grant, so the firmest refusal decides; nothing to combine is allowed", () => {
    expect(weakest()).toBe("allowed");
    for (const a of ALL) {
      expect(weakest(a)).toBe(a);
      for (const b of ALL) expect(weakest(a, b)).toBe(DECISION_RANK[a] >= DECISION_RANK[b] ? a : b);
    }
    expect(weakest("allowed", "explicitly-denied", "conditional")).toBe("explicitly-denied");
    expect(weakest("conditional", "implicitly-denied", "allowed")).toBe("implicitly-denied");
  });
});
