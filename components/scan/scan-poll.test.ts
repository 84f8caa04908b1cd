import { describe, expect, it } from "vitest";
import type { ScanJobState } from "@/lib/scan/scan-job";
import { interpretPoll, LOST_SCAN_MESSAGE } from "./scan-poll";
import { SCAN_STOPPING_ANSWER } from "@/lib/store/interrupted";

const job = (id: string, status: ScanJobState["status"] = "running"): ScanJobState => ({
  id,
  status,
  startedAt: "2026-11-29T10:00:00Z",
  progress: { regionsTotal: 1, regionsDone: 0, functionsTotal: 4, functionsDone: 1, calls: 3, errors: 0 },
});

describe("interpretPoll", () => {
  it("passes a job on, whichever it is (the followed one, or a newer one after a restart)", () => {
    expect(interpretPoll(200, { job: job("a") })).toEqual({ kind: "job", job: job("a") });
    expect(interpretPoll(202, { job: job("b", "succeeded") })).toEqual({ kind: "job", job: job("b", "succeeded") });
  });

  it("ends the scan when the server has no job (restarted): it would never finish otherwise", () => {
    expect(interpretPoll(200, { job: null })).toEqual({ kind: "lost", message: LOST_SCAN_MESSAGE });
    expect(interpretPoll(200, null)).toEqual({ kind: "lost", message: LOST_SCAN_MESSAGE });
  });

  it("stops on 401 (session ended) and 403 (refused) instead of polling on", () => {
    expect(interpretPoll(401, { error: "sign-in required" }).kind).toBe("signed-out");
    expect(interpretPoll(403, { error: "local mode" })).toEqual({ kind: "refused", message: "local mode" });
  });

  it("keeps polling through other errors, saying what the server said", () => {
    expect(interpretPoll(500, { error: "boom" })).toEqual({ kind: "retry", message: "boom" });
    expect(interpretPoll(502, null)).toEqual({ kind: "retry", message: "the server answered 502" });
  });

  it("says a stopping server's own sentence for its 503 (POST /api/scan refused), which Scan now shows after 'Could not start the scan:'", () => {
    expect(interpretPoll(503, { error: SCAN_STOPPING_ANSWER })).toEqual({ kind: "retry", message: "server is stopping, scan not started: start it again once the server is back" });
  });

  it("says the server's problems list after its error, as every other dashboard request does (answerErrorText)", () => {
    const refused = { error: "invalid query", issues: ['query: Unrecognized key: "x"'] };
    expect(interpretPoll(400, refused)).toEqual({ kind: "retry", message: 'invalid query: query: Unrecognized key: "x"' });
    expect(interpretPoll(403, { issues: ["host: not allowed"] })).toEqual({ kind: "refused", message: "host: not allowed" });
  });
});
