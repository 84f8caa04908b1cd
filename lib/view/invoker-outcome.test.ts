import { describe, expect, it } from "vitest";
import { invokerOutcome } from "./invoker-outcome";

describe("invokerOutcome", () => {
  it("says when a listed way in lets no one in or may not, and nothing for one that does", () => {
    expect(invokerOutcome({ decision: "implicitly-denied" })).toBe("cannot invoke (implicitly-denied)");
    expect(invokerOutcome({ decision: "explicitly-denied" })).toBe("cannot invoke (explicitly-denied)");
    expect(invokerOutcome({ decision: "implicitly-denied", reason: "another partition" })).toBe("cannot invoke (implicitly-denied: another partition)");
    expect(invokerOutcome({ decision: "conditional" })).toBe("may get in (conditional)");
    expect(invokerOutcome({ decision: "conditional", reason: "role not in the snapshot" })).toBe("may get in (conditional: role not in the snapshot)");
    expect(invokerOutcome({ decision: "conditional", unknownKeys: ["aws:MultiFactorAuthPresent"] })).toBe("may get in (conditional: depends on aws:MultiFactorAuthPresent)");
    expect(invokerOutcome({ decision: "conditional", undocumentedValues: ['aws:PrincipalTag/tier "1e3"'] })).toBe('may get in (conditional: depends on how AWS reads aws:PrincipalTag/tier "1e3")');
    expect(invokerOutcome({ decision: "conditional", reason: "role not in the snapshot", unknownKeys: ["aws:MultiFactorAuthPresent"] })).toBe(
      "may get in (conditional: role not in the snapshot; depends on aws:MultiFactorAuthPresent)",
    );
    expect(invokerOutcome({ decision: "allowed" })).toBeUndefined();
    expect(invokerOutcome({ decision: "allowed", reason: "of its sources, arn:aws:s3:::b is in partition aws" })).toBe("gets in (of its sources, arn:aws:s3:::b is in partition aws)");
    expect(invokerOutcome({})).toBeUndefined(); // mappings and signed URLs carry no decision of their own
  });
});
