/** POST /api/can and GET /api/actions against a store holding the demo snapshot (data/DEMO.md). */
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

useDataDir("lpg-can-api-", { demo: DEMO_SNAPSHOT });
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders-queue";
let POST: (r: NextRequest) => Promise<Response>;
let GET: (r: NextRequest) => Promise<Response>;

beforeAll(async () => {
  ({ POST } = await import("./route"));
  ({ GET } = await import("../actions/route"));
});

const post = (body: unknown, contentType: string | null = "application/json") =>
  // A real request always carries Host; the handlers check it (local mode answers loopback only).
  POST(
    new NextRequest("http://localhost/api/can", {
      method: "POST",
      headers: { host: "localhost", ...(contentType === null ? {} : { "content-type": contentType }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

describe("POST /api/can", () => {
  it("refuses a non-loopback Host in local mode by itself, not only behind proxy.ts (defence in depth)", async () => {
    const r = await POST(new NextRequest("http://localhost/api/can", { method: "POST", headers: { host: "lpg.example.com" }, body: "{}" }));
    expect(r.status).toBe(403);
  });

  it.each([
    ["text/plain (a cross-site form's, sent without a preflight)", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["none: fetch calls a string body text/plain", null],
    ["a type that only starts like JSON", "application/jsonx"],
  ])("415 for a valid question sent as %s, as POST /api/scan answers", async (_, type) => {
    const r = await post({ principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE }, type);
    expect(r.status).toBe(415);
    expect(r.headers.get("accept-post")).toBe("application/json");
    expect(await r.json()).toEqual({ error: "send the body as JSON, with Content-Type: application/json" });
  });

  it("reads JSON declared with a charset, in any case", async () => {
    expect((await post({ principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE }, "Application/JSON; charset=utf-8")).status).toBe(200);
  });

  it("answers with the decision and the deciding statement (orders-processor may delete from its queue)", async () => {
    const r = await post({ principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE });
    expect(r.status).toBe(200);
    const a = await r.json();
    expect(a).toMatchObject({ decision: "allowed", principal: { role: expect.stringContaining("orders-processor-role") } });
    expect(a.snapshotId).toMatch(/-[0-9a-f]{12}$/);
    expect(a.statements[0]).toMatchObject({ effect: "Allow", policy: "orders-processor-role-policy", statementIndex: 2, matchedActions: ["sqs:DeleteMessage"] });
  });

  it("the missing permission behind the demo's headline finding is implicitly denied", async () => {
    const a = await (await post({ snapshot: "latest", principal: "orders-processor", action: "sqs:ReceiveMessage", resource: QUEUE })).json();
    expect(a.decision).toBe("implicitly-denied");
  });

  it("context and contextComplete are passed through (multi-valued keys as arrays)", async () => {
    const r = await post({ principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, context: { "aws:TagKeys": ["a", "b"] }, contextComplete: true });
    expect(r.status).toBe(200);
  });

  it("answers as an IAM user of the snapshot: ci-deploy through its group, break-glass-admin conditional on MFA", async () => {
    const ci = "arn:aws:iam::123456789012:user/ci/ci-deploy";
    const admin = "arn:aws:iam::123456789012:user/emergency/break-glass-admin";
    const checkout = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api";
    const r = await post({ principal: ci, action: "lambda:InvokeFunction", resource: checkout });
    expect(r.status).toBe(200);
    const a = await r.json();
    expect(a).toMatchObject({ decision: "allowed", principal: { user: ci } });
    expect(a.principal).not.toHaveProperty("role");
    expect(a.statements[0]).toMatchObject({ policy: "deploy-storefront", group: "deployers", sid: "SmokeTestAfterDeploy" });
    const mfa = { principal: admin, action: "lambda:InvokeFunction", resource: checkout };
    expect((await (await post(mfa)).json()).decision).toBe("conditional");
    expect((await (await post({ ...mfa, context: { "aws:MultiFactorAuthPresent": "true" } })).json()).decision).toBe("allowed");
  });

  it("400 naming the kind looked for on an unknown user ARN", async () => {
    const r = await post({ principal: "arn:aws:iam::123456789012:user/nobody", action: "lambda:InvokeFunction", resource: "*" });
    expect(r.status).toBe(400);
    expect((await r.json()).error).toBe('principal "arn:aws:iam::123456789012:user/nobody" is an IAM user ARN, and this snapshot holds no such IAM user');
  });

  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["a missing field", { principal: "orders-processor", action: "sqs:DeleteMessage" }, /resource/],
    ["a malformed action", { principal: "orders-processor", action: "DeleteMessage", resource: QUEUE }, /^action: must look like service:Action/],
    ["an unknown field", { principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, admin: true }, /admin|unrecognized/i],
    ["a bad snapshot id", { snapshot: "../etc", principal: "x", action: "sqs:DeleteMessage", resource: QUEUE }, /snapshot: not a snapshot id/],
    ["a numeric context value", { principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, context: { k: 1 } }, /^k: a context value is a string or an array of strings$/],
    ["an unknown principal", { principal: "ghost", action: "sqs:DeleteMessage", resource: QUEUE }, /"ghost" is neither a role nor a function/],
    [
      "a context value that cannot be of its key's type",
      { principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, context: { "aws:SourceIp": "not-an-ip" } },
      /^aws:SourceIp: "not-an-ip" is not an IP address, e\.g\. aws:SourceIp=203\.0\.113\.10$/,
    ],
    [
      "a context key's value of the wrong type, naming the key as typed",
      { principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, context: { "AWS:sourceip": "ten" } },
      /^AWS:sourceip: "ten" is not an IP address, e\.g\. AWS:sourceip=203\.0\.113\.10$/,
    ],
    [
      "a context value in a form AWS never gives its key, naming the key and the documented forms",
      { principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, context: { "aws:MultiFactorAuthAge": "1e3" } },
      /^aws:MultiFactorAuthAge: "1e3" is not written as an integer or decimal \(an exponent\), the only forms AWS documents; AWS gives aws:MultiFactorAuthAge only in a documented form \(an integer or decimal, no exponent, no plus sign, no leading zero\), e\.g\. aws:MultiFactorAuthAge=3600$/,
    ],
    [
      "a date context value in an undocumented form",
      { principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE, context: { "aws:CurrentTime": ["2030-01-01T00:00:00+0200"] } },
      /^aws:CurrentTime: "2030-01-01T00:00:00\+0200" is in none of the W3C date forms AWS documents \(an offset without ":"\); AWS gives aws:CurrentTime only in a documented form/,
    ],
    ["a JSON array body", [], /body|expected object/i],
  ])("400 with one clear message on %s", async (_what, body, message) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatch(message);
  });

  it("404 for a well-formed id that is not stored", async () => {
    const r = await post({ snapshot: "20260101T000000Z-0123456789ab", principal: "orders-processor", action: "sqs:DeleteMessage", resource: QUEUE });
    expect(r.status).toBe(404);
  });

  it("413 for an oversized body", async () => {
    const r = await post({ principal: "x".repeat(70_000), action: "sqs:DeleteMessage", resource: QUEUE });
    expect(r.status).toBe(413);
  });

  it("413 for a chunked body as soon as it passes the limit, without waiting for the rest", async () => {
    // 80 KiB with no length announced, then a body that never ends: only a reader that stops at the limit answers.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"principal":"${"x".repeat(80 * 1024)}`));
      },
    });
    const request = new NextRequest("http://localhost/api/can", { method: "POST", headers: { host: "localhost", "content-type": "application/json" }, body, duplex: "half" } as never);
    const r = await POST(request);
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ error: "request body is larger than 64 KiB" });
  });
});

describe("GET /api/actions", () => {
  const get = (qs: string) => GET(new NextRequest(`http://localhost/api/actions${qs}`, { headers: { host: "localhost" } }));

  it("completes from the IAM action catalog, case-insensitively, with a bounded count", async () => {
    const a = await (await get("?q=SQS:receive")).json();
    expect(a.actions).toContain("sqs:ReceiveMessage");
    const many = await (await get("?q=s3:&limit=5")).json();
    expect(many.actions).toHaveLength(5);
    expect((await (await get("?q=")).json()).actions).toEqual([]);
  });

  it("400 on a bad limit, in the shape every route refuses a query with", async () => {
    const tooMany = await get("?q=s3&limit=500");
    expect(tooMany.status).toBe(400);
    const body = await tooMany.json();
    expect(body.error).toBe("invalid query");
    expect(body.issues).toEqual([expect.stringMatching(/^limit: /)]);
    expect((await get("?q=s3&limit=abc")).status).toBe(400);
  });
});
