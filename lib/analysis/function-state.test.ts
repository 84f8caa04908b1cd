import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { builder, REGION } from "@/lib/findings/test-support";
import { reportedState, stateText } from "./function-state";

describe("the state AWS reports", () => {
  it("in a few words for the details panel", () => {
    expect(stateText({ State: "Active", LastUpdateStatus: "Successful" })).toBe("Active");
    expect(stateText({ State: "Failed", StateReasonCode: "InsufficientRolePermissions", LastUpdateStatus: "Failed" })).toBe("Failed (InsufficientRolePermissions)");
    expect(stateText({ State: "Inactive", StateReasonCode: "Idle" })).toBe("Inactive (Idle)");
    expect(stateText({ State: "Active", LastUpdateStatus: "Failed", LastUpdateStatusReasonCode: "KMSKeyAccessDenied" })).toBe("Active, last update Failed (KMSKeyAccessDenied)");
    expect(stateText({})).toBeUndefined();
  });

  it("a field that is not text is named, not read", () => {
    expect(reportedState({ State: 5, StateReasonCode: "Idle" })).toEqual({ malformed: ["State"] });
    expect(reportedState({ State: "Active", StateReason: null })).toEqual({ state: { State: "Active" } });
  });

  it("the report carries it per function; a function without an answer has none", () => {
    const b = builder();
    const role = b.role({ name: "r" });
    const failed = b.fn({ region: REGION, name: "a", runtime: "python3.13", role });
    const unread = b.fn({ region: REGION, name: "b", runtime: "python3.13", role });
    b.functionState(failed, { State: "Failed", StateReasonCode: "ImageAccessDenied" });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.functions.find((f) => f.arn === failed)?.state).toBe("Failed (ImageAccessDenied)");
    expect(report.functions.find((f) => f.arn === unread)).not.toHaveProperty("state");
  });
});
