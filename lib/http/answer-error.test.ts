import { describe, expect, it } from "vitest";
import { answerErrorText } from "./answer-error";

describe("answerErrorText", () => {
  it("gives a refused query's error with its issues, so the reader learns which parameter and why", () => {
    expect(answerErrorText(400, { error: "invalid query", issues: ["q: q is at most 2048 characters", "limit: too big"] })).toBe(
      "invalid query: q: q is at most 2048 characters; limit: too big",
    );
  });

  it("gives the error alone, the issues alone, or the status when the body says nothing", () => {
    expect(answerErrorText(404, { error: "snapshot not found" })).toBe("snapshot not found");
    expect(answerErrorText(400, { issues: ["q: bad"] })).toBe("q: bad");
    expect(answerErrorText(502, null)).toBe("the server answered 502");
    expect(answerErrorText(500, { error: 3, issues: "no" })).toBe("the server answered 500");
    // A caller may word the status itself; the error and issues still come first.
    expect(answerErrorText(502, null, "the upload failed (HTTP 502)")).toBe("the upload failed (HTTP 502)");
    expect(answerErrorText(400, { issues: ["q: bad"] }, "the upload failed (HTTP 400)")).toBe("q: bad");
  });
});
