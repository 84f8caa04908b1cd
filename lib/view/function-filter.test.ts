import { describe, expect, it } from "vitest";
import { matchesFunctionFilter, type FunctionFacts } from "./function-filter";

const publicHigh: FunctionFacts = { arn: "arn:aws:lambda:us-east-1:111122223333:function:public-high", severities: ["high", "low"], rules: ["function-url-public", "no-dlq"], invokedBy: ["public", "service"] };
const clean: FunctionFacts = { arn: "arn:aws:lambda:us-east-1:111122223333:function:clean", severities: [], rules: [], invokedBy: ["iam"] };

describe("matchesFunctionFilter", () => {
  it("matches everything when no filter is set", () => {
    expect(matchesFunctionFilter(clean, { sev: [] })).toBe(true);
    expect(matchesFunctionFilter(clean, { sev: [], rule: [], who: [] })).toBe(true);
  });

  it("matches any value of each filter, and every filter set", () => {
    expect(matchesFunctionFilter(publicHigh, { sev: ["critical", "high"], rule: ["no-dlq", "other"], who: ["other-account", "public"] })).toBe(true);
    expect(matchesFunctionFilter(publicHigh, { sev: ["high"], rule: ["function-url-public"], who: ["iam"] })).toBe(false);
    expect(matchesFunctionFilter(publicHigh, { sev: ["high"], rule: ["other"] })).toBe(false);
    expect(matchesFunctionFilter(publicHigh, { sev: ["critical"], who: ["public"] })).toBe(false);
    expect(matchesFunctionFilter(clean, { sev: [], who: ["iam"] })).toBe(true);
  });
});
