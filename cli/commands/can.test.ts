/** `can --format text`: whom the answer is for, one line per role of a weighted alias. */
import { describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { REGION, modelOf, newBuilder } from "@/lib/analysis/test-support";
import { ask } from "@/lib/analysis/what-if";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { answerBatchLine, canCommand, formatAnswerText } from "./can";

const BUCKET = "arn:aws:s3:::reports";

describe("formatAnswerText", () => {
  it("a role that is unknown (versions not listed) is named so, never as the function's current role or blank", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const live = b.alias(fn, "live", "4", undefined, { "5": 0.5 });
    b.error({ region: REGION, operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "not authorized" });
    const model = modelOf(b);
    const q = { action: "s3:GetObject", resource: `${BUCKET}/a.csv` };
    expect(formatAnswerText(ask(model, { principal: `${fn}:4`, ...q })).split("\n")[1]).toBe(`  ${fn}:4 (as an unknown role) → s3:GetObject on ${BUCKET}/a.csv`);
    const lines = formatAnswerText(ask(model, { principal: live, ...q })).split("\n");
    expect(lines[1]).toBe(`  ${live} (as an unknown role or an unknown role) → s3:GetObject on ${BUCKET}/a.csv`);
    expect(lines[2]).toBe("  version 4 (50 %) as an unknown role: conditional");
  });
});

describe("formatAnswerText: the organization's SCPs", () => {
  it("names an SCP's statement by its policy id and where it is attached, not as a policy of the role", () => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { s3: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }) } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const deny = { Version: "2012-10-17", Statement: [{ Sid: "KeepBuckets", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] };
    b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS, { id: "p-keep1234", name: "KeepBuckets", document: deny }], [b.account]: [FULL_AWS_ACCESS] } });
    const text = formatAnswerText(ask(modelOf(b), { principal: "f", action: "s3:DeleteBucket", resource: "arn:aws:s3:::logs" }));
    expect(text.split("\n")[0]).toBe("explicitly-denied");
    expect(text).toContain("  Deny  SCP 'KeepBuckets' (p-keep1234) attached to r-a1b2, statement 0 (Sid KeepBuckets)");
  });
});

describe("answerBatchLine", () => {
  it("a line with a key that is not a question's (a misspelt contextComplete) is an error line, not answered without it", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const model = modelOf(b);
    const line = JSON.stringify({ principal: "app", action: "s3:GetObject", resource: `${BUCKET}/a.csv`, contextcomplete: true });
    expect(JSON.parse(answerBatchLine(model, line, 3))).toEqual({
      decision: "error",
      error: 'line 3: unknown key "contextcomplete" (a question has principal, action, resource, context, contextComplete)',
      statements: [],
    });
    const good = JSON.stringify({ principal: "app", action: "s3:GetObject", resource: `${BUCKET}/a.csv`, contextComplete: true });
    expect(JSON.parse(answerBatchLine(model, good, 4)).decision).toBe("allowed");
  });
});

describe("canCommand", () => {
  it("a malformed --action is named as the option the user typed, not as a JSON field", async () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-can-")), "snap.json");
    writeFileSync(file, JSON.stringify(b.build()));
    await expect(canCommand(file, { principal: "app", action: "GetObject", resource: "*" })).rejects.toThrow(
      /^--action: must look like service:Action/,
    );
  });

  it("a --context value that cannot be of its key's type is an error naming the option, key, type and an example", async () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-can-")), "snap.json");
    writeFileSync(file, JSON.stringify(b.build()));
    await expect(canCommand(file, { principal: "app", action: "s3:GetObject", resource: "*", context: ["aws:SecureTransport=yes"] })).rejects.toThrow(
      /^--context aws:SecureTransport: "yes" is not true or false, e\.g\. aws:SecureTransport=true$/,
    );
  });
});
