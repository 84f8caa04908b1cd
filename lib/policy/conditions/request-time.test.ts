import { describe, expect, it } from "vitest";
import { makeContext } from "../context";
import { evaluate } from "../evaluate";
import { parsePolicyDocument } from "../parse";
import type { ConditionClause, EvaluationRequest, PolicyDocument } from "../types";
import { settleRequestTime } from "./request-time";

const CAPTURED = "2026-11-20T09:30:00Z";
const CAPTURED_EPOCH = String(Date.UTC(2026, 10, 20, 9, 30, 0) / 1000);
const PAST = "2025-01-01T00:00:00Z";
const FUTURE = "2030-01-01T00:00:00Z";

const clause = (operator: string, key: string, values: string[]): ConditionClause => ({ operator, key, values });
const settled = (operator: string, values: string[], key = "aws:CurrentTime") => settleRequestTime(clause(operator, key, values), CAPTURED)?.result;

describe("settleRequestTime: the capture decides a window that had closed or opened by then", () => {
  it.each([
    // A window that had closed before the capture lets no later request in.
    ["DateLessThan", [PAST], "false"],
    ["DateLessThanEquals", [PAST], "false"],
    ["DateLessThan", [CAPTURED], "false"],
    // One that had opened holds for every later request.
    ["DateGreaterThan", [PAST], "true"],
    ["DateGreaterThanEquals", [PAST], "true"],
    ["DateGreaterThanEquals", [CAPTURED], "true"],
    // No request after the capture is made at a past instant, so it equals none of them.
    ["DateEquals", [PAST], "false"],
    ["DateNotEquals", [PAST], "true"],
    ["DateNotEquals", [PAST, "2024-06-01"], "true"],
    // IfExists changes nothing: every request carries its time.
    ["DateLessThanIfExists", [PAST], "false"],
    ["dategreaterthan", [PAST], "true"],
    // Any of the values: one open window is enough, all closed is closed.
    ["DateLessThan", [PAST, "2024-01-01"], "false"],
    ["DateGreaterThan", [FUTURE, PAST], "true"],
    // A bare year read as the W3C year and as epoch seconds: both readings are past, so the window is settled.
    ["DateGreaterThan", ["2020"], "true"],
    ["DateLessThan", ["2020"], "false"],
  ])("%s %j → %s", (operator, values, expected) => {
    expect(settled(operator, values)).toBe(expected);
  });

  it.each([
    // The window opens or closes after the capture: it depends on when the call is made.
    ["DateLessThan", [FUTURE]],
    ["DateLessThanEquals", [CAPTURED]],
    ["DateGreaterThan", [FUTURE]],
    ["DateGreaterThan", [CAPTURED]],
    ["DateEquals", [FUTURE]],
    ["DateNotEquals", [FUTURE]],
    ["DateNotEquals", [PAST, FUTURE]],
    ["DateLessThan", [PAST, FUTURE]],
    // "2030" is the year 2030 (W3C "YYYY") or 2030 seconds after the epoch: AWS documents both forms and not which a
    // bare year is, so a window closing in 2030, or one that closed in 1970, is not settled by the capture.
    ["DateLessThan", ["2030"]],
    ["DateGreaterThanEquals", ["2030"]],
    ["DateNotEquals", ["2030"]],
    // Not settled here: set operators on a single-valued key, values that do not parse, numbers compared with ISO text.
    ["ForAnyValue:DateLessThan", [PAST]],
    ["ForAllValues:DateGreaterThan", [PAST]],
    ["DateLessThan", ["yesterday"]],
    ["DateLessThan", [PAST, "not a date"]],
    ["NumericLessThan", ["1500000000"]],
    ["Null", ["false"]],
    ["DateLessThen", [PAST]],
  ])("%s %j on aws:CurrentTime stays unsettled", (operator, values) => {
    expect(settled(operator, values)).toBeUndefined();
  });

  it("reads aws:EpochTime in seconds with Numeric operators and as a date with Date ones", () => {
    const past = String(Date.UTC(2025, 0, 1) / 1000);
    const future = String(Date.UTC(2030, 0, 1) / 1000);
    expect(settled("NumericLessThan", [past], "aws:EpochTime")).toBe("false");
    expect(settled("NumericGreaterThanEquals", [past], "aws:EpochTime")).toBe("true");
    expect(settled("NumericLessThan", [CAPTURED_EPOCH], "aws:EpochTime")).toBe("false");
    expect(settled("NumericLessThanEquals", [CAPTURED_EPOCH], "aws:EpochTime")).toBeUndefined();
    expect(settled("NumericLessThan", [future], "aws:EpochTime")).toBeUndefined();
    expect(settled("DateLessThan", [PAST], "AWS:EPOCHTIME")).toBe("false");
    expect(settled("DateGreaterThan", [past], "aws:EpochTime")).toBe("true");
  });

  it("leaves a value in a form AWS does not document to the evaluator, which knows the statement's effect", () => {
    // Read as written the window had closed; refused, a Deny on it would be unknown, so the capture cannot settle it.
    expect(settled("DateLessThan", ["2025-01-01 00:00:00Z"])).toBeUndefined();
    expect(settled("DateGreaterThan", ["2025-01-01t00:00:00Z"])).toBeUndefined();
    expect(settled("NumericLessThan", ["1.7e9"], "aws:EpochTime")).toBeUndefined();
    expect(settled("DateLessThan", ["2025-01-01T00:00:00Z"])).toBe("false");
  });

  it("compares a fraction of a millisecond after the capture exactly, not rounded onto it", () => {
    expect(settled("DateLessThan", ["2026-11-20T09:30:00.0000001Z"])).toBeUndefined();
    expect(settled("DateLessThan", ["2026-11-20T09:29:59.9999999Z"])).toBe("false");
  });

  it("leaves every other key alone, dates or not", () => {
    expect(settled("DateLessThan", [PAST], "aws:TokenIssueTime")).toBeUndefined();
    expect(settled("DateLessThan", [PAST], "s3:ObjectLockRetainUntilDate")).toBeUndefined();
    expect(settled("NumericLessThan", ["1"], "aws:MultiFactorAuthAge")).toBeUndefined();
  });

  it("reads a capture time without a zone as UTC, and says what decided it", () => {
    const s = settleRequestTime(clause("DateLessThan", "aws:CurrentTime", ["2026-11-20T10:00:00Z"]), "2026-11-20T10:30");
    expect(s).toEqual({
      result: "false",
      note: `DateLessThan aws:CurrentTime: no request from the snapshot's capture (2026-11-20T10:30) on meets "2026-11-20T10:00:00Z" → false`,
    });
    expect(settleRequestTime(clause("DateLessThan", "aws:CurrentTime", ["2026-11-20T11:00:00Z"]), "2026-11-20T10:30")).toBeUndefined();
  });
});

describe("the evaluator with a policy read from a snapshot", () => {
  const A = "111122223333";
  const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
  // A role of the function's own account: the function policy alone decides its call.
  const caller = `arn:aws:iam::${A}:role/caller`;
  const request = (values: Record<string, string> = {}): EvaluationRequest => ({
    principal: { type: "role", id: caller, account: A },
    action: "lambda:InvokeFunction",
    resource: fn,
    context: makeContext(values, false),
  });
  const grant = (condition: object, capturedAt: string | null = CAPTURED): PolicyDocument => {
    const r = parsePolicyDocument(
      { Version: "2012-10-17", Statement: [{ Sid: "partner", Effect: "Allow", Principal: { AWS: caller }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition }] },
      { kind: "resource", policyName: "function policy", resourceArn: fn },
      capturedAt === null ? {} : { capturedAt },
    );
    if (!r.ok) throw new Error(r.error);
    return r.policy;
  };
  const decide = (doc: PolicyDocument, values?: Record<string, string>) => evaluate({ identity: [], resource: doc }, request(values));

  it("refuses a grant that had expired by the capture, citing the date", () => {
    const r = decide(grant({ DateLessThan: { "aws:CurrentTime": PAST } }));
    expect(r.decision).toBe("implicitly-denied");
    expect(r.reasons.join("\n")).toContain(`no request from the snapshot's capture (${CAPTURED}) on meets "${PAST}"`);
  });

  it("allows a grant whose window had opened, and keeps one that closes later conditional on the time", () => {
    expect(decide(grant({ DateGreaterThan: { "aws:CurrentTime": PAST } })).decision).toBe("allowed");
    const later = decide(grant({ DateGreaterThan: { "aws:CurrentTime": PAST }, DateLessThan: { "aws:CurrentTime": FUTURE } }));
    expect(later.decision).toBe("conditional");
    expect(later.unknownKeys).toEqual(["aws:CurrentTime"]);
  });

  it("keeps a grant until a bare year conditional: \"2030\" is the year or 2030 seconds after the epoch", () => {
    // Read as epoch seconds alone, the grant had expired in 1970 and was refused; read as the year, it is open until 2030.
    const r = decide(grant({ DateLessThan: { "aws:CurrentTime": "2030" } }));
    expect(r.decision).toBe("conditional");
    expect(r.reasons.join("\n")).toContain('"2030" is a year (W3C "YYYY") or epoch seconds, and AWS does not document which');
  });

  it("takes the request's time from the question when it gives one (what-if)", () => {
    const expired = grant({ DateLessThan: { "aws:CurrentTime": PAST } });
    expect(decide(expired, { "aws:CurrentTime": "2024-05-01T00:00:00Z" }).decision).toBe("allowed");
    expect(decide(expired, { "aws:CurrentTime": "2027-05-01T00:00:00Z" }).decision).toBe("implicitly-denied");
  });

  it("without a capture time, the request's time stays unknown", () => {
    expect(decide(grant({ DateLessThan: { "aws:CurrentTime": PAST } }, null)).decision).toBe("conditional");
  });
});
