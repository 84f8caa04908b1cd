import { describe, expect, it } from "vitest";
import { noMatchText } from "./no-match";

const none = { q: "", sev: [], rule: [], who: [] };

describe("what an empty table says", () => {
  it("names the one search or filter that left no row, and that clearing it shows every function", () => {
    expect(noMatchText({ ...none, q: "  ordrs " })).toBe("No function matches the search “ordrs”. Clear it to see every function.");
    expect(noMatchText({ ...none, who: ["public"] })).toBe("No function matches invoked by anyone (public). Clear it to see every function.");
  });

  it("names each of several, so the one to widen can be chosen", () => {
    expect(noMatchText({ q: "orders", sev: ["critical", "high"], rule: ["function-url-public"], who: ["public", "other-account"] })).toBe(
      "No function matches all of: the search “orders”; severity critical or high; finding function-url-public; invoked by anyone (public) or another account. Clear one of them to see more.",
    );
  });

  it("shows a link's crafted values as escapes, and a long one shortened", () => {
    const text = noMatchText({ ...none, q: "a\u202eb", rule: ["x".repeat(500)] });
    expect(text).not.toContain("\u202e");
    expect(text).toContain("\\u202e");
    expect(text.length).toBeLessThan(300);
  });

  it("names the Can reach question, with its resource or as any resource, and not one the page could not read", () => {
    expect(noMatchText({ ...none, reach: "s3:PutObject", on: "orders-prod" })).toBe(
      "No function matches the question “can do s3:PutObject on orders-prod”. Clear it to see every function.",
    );
    expect(noMatchText({ ...none, q: "x", reach: "s3:*", on: "" })).toContain("the question “can do s3:* on any resource”");
    expect(noMatchText({ ...none, reach: "PutObject", on: "" })).toBe("No function matches.");
  });

  it("names the graph's own filters, with no search", () => {
    expect(noMatchText({ sev: ["high"], rule: [], who: ["public"], svc: ["sqs"], region: ["eu-west-1"], findings: true })).toBe(
      "No function matches all of: severity high; invoked by anyone (public); service sqs; region eu-west-1; only functions with findings. Clear one of them to see more.",
    );
    expect(noMatchText({ sev: [], rule: ["function-url-public"], who: [] })).toBe("No function matches finding function-url-public. Clear it to see every function.");
  });

  it("says no more than before when nothing is set", () => {
    expect(noMatchText(none)).toBe("No function matches.");
  });
});
