/**
 * A way in that is conditional, or refused, because of something outside its own statement names it: the Deny of the
 * function's policy or of the caller's own policies, and the condition keys the snapshot has no value for. The entry
 * said "conditional" with its own statement's summary (or none), and the reader searched every policy for the cause.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { identityInvokers } from "./identity-invokers";
import { invokersOf } from "./invokers";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const INVOKE = "lambda:InvokeFunction";

describe("invoker deniedBy and unknownKeys", () => {
  it("names a function policy's Deny on every source but one, and the key it turns on", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(
      fn,
      doc(
        { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: INVOKE, Resource: fn },
        { Sid: "DenyOthers", Effect: "Deny", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
      ),
    );
    const model = modelOf(b);
    const [s3] = invokersOf(model, model.functions[0]!);
    expect(s3).toMatchObject({ sid: "S3", decision: "conditional", deniedBy: [`function policy of ${fn}#DenyOthers`], unknownKeys: ["aws:SourceArn"] });
    // The grant's own statement has no condition: nothing else said why.
    expect(s3?.conditionSummary).toBeUndefined();
  });

  it("names a Deny with NotPrincipal that refuses a grant of the same document, by its index without a Sid", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "g", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(
      fn,
      doc(
        { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: INVOKE, Resource: fn },
        { Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: INVOKE, Resource: fn },
      ),
    );
    const model = modelOf(b);
    const [partner] = invokersOf(model, model.functions[0]!);
    expect(partner).toMatchObject({ sid: "Partner", decision: "explicitly-denied", deniedBy: [`function policy of ${fn}#1`] });
  });

  it("names nothing for a grant the document lets in", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "h", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(
      fn,
      doc(
        { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: INVOKE, Resource: fn, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
        { Sid: "DenyOthers", Effect: "Deny", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
      ),
    );
    const model = modelOf(b);
    const [s3] = invokersOf(model, model.functions[0]!);
    expect(s3?.decision).toBe("allowed");
    expect(s3).not.toHaveProperty("deniedBy");
    expect(s3).not.toHaveProperty("unknownKeys");
  });

  it("names a role's own conditional Deny on an identity-policy way in, beside the Allow it cites", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.role({
      name: "office",
      inline: {
        p: doc(
          { Sid: "Invoke", Effect: "Allow", Action: INVOKE, Resource: fn },
          { Sid: "OfficeOnly", Effect: "Deny", Action: "lambda:*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
        ),
      },
    });
    const model = modelOf(b);
    expect(identityInvokers(model).byFunction.get(fn)).toEqual([
      expect.objectContaining({
        principal: `arn:aws:iam::${ACCOUNT}:role/office`,
        decision: "conditional",
        statements: ["p#Invoke"],
        unknownKeys: ["aws:SourceIp"],
        deniedBy: ["p#OfficeOnly"],
      }),
    ]);
  });

  it("names the caller's Deny on a grant to a role of the account that its own policy may refuse", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const caller = b.role({
      name: "caller",
      inline: { p: doc({ Sid: "OfficeOnly", Effect: "Deny", Action: "lambda:*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }) },
    });
    b.permission(fn, { sid: "Caller", principal: caller });
    const model = modelOf(b);
    const [grant] = invokersOf(model, model.functions[0]!);
    expect(grant).toMatchObject({ sid: "Caller", decision: "conditional", deniedBy: ["p#OfficeOnly"], unknownKeys: ["aws:SourceIp"] });
  });

  it("names a Deny that may refuse calls through an AuthType NONE URL, on the URL and on its grant", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.url(fn, { authType: "NONE" });
    b.resourcePolicy(
      fn,
      doc(
        { Sid: "Url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } },
        { Sid: "ViaUrl", Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
        { Sid: "OfficeOnly", Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: fn, Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
      ),
    );
    const model = modelOf(b);
    const invokers = invokersOf(model, model.functions[0]!);
    const url = invokers.find((i) => i.via === "function-url")!;
    expect(url).toMatchObject({ decision: "conditional", deniedBy: [`function policy of ${fn}#OfficeOnly`], unknownKeys: ["aws:SourceIp"] });
    for (const grant of invokers.filter((i) => i.via === "resource-policy")) {
      expect(grant, grant.sid).toMatchObject({ decision: "conditional", deniedBy: [`function policy of ${fn}#OfficeOnly`], unknownKeys: ["aws:SourceIp"] });
    }
  });

  // As in the demo: break-glass-admin's InvokeAsync on ledger-api waits on MFA, which its require-mfa Deny asks for.
  it("on the demo, names break-glass-admin's MFA Deny and nothing on the ways in that are allowed", () => {
    const report = analyzeSnapshot(parseSnapshot(readFileSync(demoSnapshotPath(), "utf8")));
    const ledger = report.functions.find((f) => f.name === "ledger-api")!;
    const breakGlass = ledger.invokers.find((i) => i.principal.endsWith(":user/emergency/break-glass-admin"))!;
    expect(breakGlass).toMatchObject({ decision: "conditional", unknownKeys: ["aws:MultiFactorAuthPresent"], deniedBy: ["require-mfa#DenyWithoutMFA"] });
    const wide = report.accountInvokers!.find((a) => a.principal === breakGlass.principal)!;
    expect(wide.deniedBy).toEqual(["require-mfa#DenyWithoutMFA"]);
    // ledger-api's Deny NotPrincipal spares API Gateway, whose grant is allowed: it cites nothing.
    const api = ledger.invokers.find((i) => i.principal === "apigateway.amazonaws.com")!;
    expect(api.decision).toBe("allowed");
    expect(api).not.toHaveProperty("deniedBy");
    for (const fn of report.functions) for (const i of fn.invokers) if (i.decision === "allowed" || i.decision === undefined) expect(i, fn.name).not.toHaveProperty("deniedBy");
  });
});
