import { describe, expect, it } from "vitest";
import { canAnswer } from "./can-answer";

describe("canAnswer", () => {
  it("says the server's problems list after its error, as every other dashboard request does", () => {
    expect(canAnswer(400, { error: "invalid question", issues: ["action: Required", "context.aws:SourceIp: not an IP"] })).toEqual({
      kind: "error",
      message: "invalid question: action: Required; context.aws:SourceIp: not an IP",
    });
  });

  it("gives the error alone, or the status when the answer says nothing, or lacks a decision", () => {
    expect(canAnswer(404, { error: "snapshot not found" })).toEqual({ kind: "error", message: "snapshot not found" });
    expect(canAnswer(502, null)).toEqual({ kind: "error", message: "the server answered 502" });
    expect(canAnswer(200, {})).toEqual({ kind: "error", message: "the server answered 200" });
  });

  it("marks a 401 as the session's end, which the page's notice says rather than the box", () => {
    expect(canAnswer(401, { error: "sign-in required" })).toEqual({ kind: "error", message: "sign-in required", signedOut: true });
  });

  it("passes an answer with a decision on", () => {
    const answer = { decision: "allowed", statements: [] };
    expect(canAnswer(200, answer)).toEqual({ kind: "answer", answer });
  });
});
