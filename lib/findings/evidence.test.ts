import { describe, expect, it } from "vitest";
import { apiErrorEvidence } from "./evidence";

const target = "arn:aws:sqs:us-east-1:123456789012:q";

describe("apiErrorEvidence", () => {
  it("quotes AWS's error for a call that failed", () => {
    expect(apiErrorEvidence({ operation: "GetQueueAttributes", target, code: "AccessDenied", message: "not authorized" }).description).toBe(
      `GetQueueAttributes failed for ${target}: AccessDenied (not authorized)`,
    );
  });

  it.each([
    ["MalformedPolicy", `GetPolicy returned a policy document for ${target} that cannot be analysed: bad`],
    ["MalformedResponse", `GetPolicy returned an answer for ${target} that cannot be read: bad`],
    ["IncompleteSnapshot", `GetPolicy for ${target} is only partly in the snapshot: bad`],
    ["NotRead", `GetPolicy for ${target} is not in the snapshot: bad`],
  ])("says what happened, not that the call failed, for the analyser's own code %s", (code, description) => {
    const e = apiErrorEvidence({ operation: "GetPolicy", target, code, message: "bad" });
    expect(e.description).toBe(description);
    expect(e.document).toMatchObject({ code });
  });

  it("an AWS code named like an object's inherited property is quoted as a failure", () => {
    expect(apiErrorEvidence({ operation: "GetPolicy", code: "constructor" }).description).toBe("GetPolicy failed: constructor");
  });
});
