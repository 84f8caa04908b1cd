import { describe, expect, it } from "vitest";
import { uploadAnswer } from "./upload-answer";

describe("uploadAnswer", () => {
  it("says the server's problems list after its error, as every other dashboard request does", () => {
    expect(uploadAnswer(400, { error: "not a snapshot", issues: ["regions: Required", "errors: Expected array"] })).toEqual({
      kind: "error",
      message: "not a snapshot: regions: Required; errors: Expected array",
    });
    expect(uploadAnswer(400, { issues: ["file: missing"] })).toEqual({ kind: "error", message: "file: missing" });
  });

  it("gives the error alone, or says the upload failed with the status when the answer says nothing", () => {
    expect(uploadAnswer(413, { error: "too large" })).toEqual({ kind: "error", message: "too large" });
    expect(uploadAnswer(502, null)).toEqual({ kind: "error", message: "the upload failed (HTTP 502)" });
    expect(uploadAnswer(200, {})).toEqual({ kind: "error", message: "the upload failed (HTTP 200)" });
  });

  it("passes a stored snapshot on", () => {
    expect(uploadAnswer(201, { snapshot: { id: "s1" }, duplicate: true })).toEqual({ kind: "stored", id: "s1", duplicate: true, setAside: undefined });
  });

  it("passes on the account and capture time the stored snapshot says, for the confirmation", () => {
    const snapshot = { id: "s1", account: "111111111111", capturedAt: "2026-03-02T00:00:00Z" };
    expect(uploadAnswer(201, { snapshot, duplicate: false })).toMatchObject({ kind: "stored", scan: { account: "111111111111", capturedAt: "2026-03-02T00:00:00Z" } });
  });
});
