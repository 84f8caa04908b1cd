/**
 * What an error leaves in the snapshot's `errors`, which snapshot.md lets users hand to someone else: nothing AWS
 * echoes of the signed request (a signature failure quotes the canonical request, session token header included,
 * e.g. github.com/amzn/selling-partner-api-models/issues/1900), and none of a malformed body's text.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { scanAccount } from "./collect";
import { ScanSetupError, errorCode, errorMessage } from "./errors";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import { ec2Error, queryError } from "@/test/aws-endpoint/xml";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();
const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENabcdef0123456789";

const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name });

function signatureMessage(path: string): string {
  return (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
    `The Canonical String for this request should have been\n'GET\n${path}\n\nhost:lambda.us-east-1.amazonaws.com\nx-amz-date:20261120T093000Z\nx-amz-security-token:${TOKEN}\n\nhost;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n\n` +
    "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261120T093000Z\n...'"
  );
}

/** A local port nothing listens on: a connection to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("errorCode", () => {
  it("names a network failure by Node's system error code, not the generic Error", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", errno: -111, syscall: "connect" });
    expect(errorCode(refused)).toBe("ECONNREFUSED");
    expect(errorCode(Object.assign(new Error("getaddrinfo ENOTFOUND lambda.us-east-7.amazonaws.com"), { code: "ENOTFOUND" }))).toBe("ENOTFOUND");
    expect(errorCode(sdkError("AccessDeniedException", "denied"))).toBe("AccessDeniedException");
    expect(errorCode(new Error("no code"))).toBe("Error");
  });
});

describe("errorMessage", () => {
  it("keeps only the code and a fixed sentence for a credential or signature failure", () => {
    for (const code of ["InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException", "IncompleteSignatureException"]) {
      expect(errorMessage(sdkError(code, signatureMessage("/x")))).toBe(
        `AWS refused the request's credentials or signature (${code}); its message is not kept, as it may quote the signed request.`,
      );
    }
  });

  it("says that a region not enabled for the account answers an unrecognised client too", () => {
    for (const code of ["UnrecognizedClientException", "InvalidClientTokenId"]) {
      expect(errorMessage(sdkError(code, signatureMessage("/x")))).toBe(
        `AWS refused the request's credentials or signature (${code}); its message is not kept, as it may quote the signed request. ` +
          "A region not enabled for the account answers the same.",
      );
    }
  });

  it("masks a session token header and cuts a quoted canonical request or string-to-sign off any other message", () => {
    expect(errorMessage(sdkError("ValidationException", `bad header x-amz-security-token:${TOKEN} here`))).toBe("bad header x-amz-security-token:<redacted> here");
    expect(errorMessage(sdkError("ServiceException", `?X-Amz-Security-Token=${TOKEN}&X-Amz-Date=1`))).toBe("?X-Amz-Security-Token=<redacted>&X-Amz-Date=1");
    expect(errorMessage(sdkError("SomeException", `Something failed.\n\n${signatureMessage("/y").split("\n\n").slice(1).join("\n\n")}`))).toBe("Something failed.");
    expect(errorMessage(sdkError("SomeException", "The string-to-sign should have been 'x'"))).toBe("");
  });

  it("keeps none of a malformed body's text", () => {
    const e = (() => {
      try {
        JSON.parse(`{"Policy": "${TOKEN}`);
      } catch (err: unknown) {
        return err;
      }
    })();
    expect(errorCode(e)).toBe("SyntaxError");
    expect(errorMessage(e)).toBe("The answer is not valid JSON; its text is not kept, as it may hold anything the answer held.");
  });

  it("keeps an ordinary message, cut at 1,000 characters", () => {
    expect(errorMessage(sdkError("AccessDeniedException", "User: x is not authorized to perform: lambda:GetPolicy"))).toBe("User: x is not authorized to perform: lambda:GetPolicy");
    expect(errorMessage(sdkError("ServiceException", "a".repeat(1500)))).toHaveLength(1000);
  });
});

describe("the scan's errors entries", () => {
  it("a mid-scan signature failure is recorded by its code, without the session token AWS quoted", async () => {
    await serve(demo, {
      faults: {
        rewrite: (x) =>
          x.operation === "GetPolicy"
            ? { status: 403, headers: { "x-amzn-ErrorType": "InvalidSignatureException", "content-type": "application/json" }, body: JSON.stringify({ message: signatureMessage(x.url.pathname) }) }
            : undefined,
      },
    });
    const restore = withEnv({ AWS_SESSION_TOKEN: TOKEN });
    try {
      const { snapshot } = await scanAccount({ regions: ["eu-west-1"] });
      expect(snapshot.errors.some((e) => e.code === "InvalidSignatureException" && e.operation === "GetPolicy")).toBe(true);
      expect(JSON.stringify(snapshot)).not.toContain(TOKEN);
      expect(JSON.stringify(snapshot.errors)).not.toMatch(/Canonical String/);
    } finally {
      restore();
    }
  });

  it("an answer that is not JSON is recorded without its text", async () => {
    await serve(demo, { faults: { rewrite: (x) => (x.operation === "GetPolicy" && x.answer.status === 200 ? { body: `{"Policy": "${TOKEN}` } : undefined) } });
    const { snapshot } = await scanAccount({ regions: ["eu-west-1"] });
    const broken = snapshot.errors.filter((e) => e.operation === "GetPolicy");
    expect(broken.length).toBeGreaterThan(0);
    expect(JSON.stringify(snapshot)).not.toContain(TOKEN);
    expect(new Set(broken.map((e) => e.message))).toEqual(new Set(["The answer is not valid JSON; its text is not kept, as it may hold anything the answer held."]));
  });

  it("an answer that is not XML (IAM, STS, EC2 speak XML) is recorded as one that is not JSON is: SyntaxError, without its text", async () => {
    await serve(demo, {
      faults: { rewrite: (x) => (x.service === "iam" && x.answer.status === 200 ? { body: `<GetAccountAuthorizationDetailsResponse><Token>${TOKEN}</Tok` } : undefined) },
    });
    const { snapshot } = await scanAccount({ regions: ["eu-west-1"], organizations: false });
    expect(snapshot.errors.filter((e) => e.operation === "GetAccountAuthorizationDetails")).toEqual([
      { operation: "GetAccountAuthorizationDetails", code: "SyntaxError", message: "The answer is not valid XML; its text is not kept, as it may hold anything the answer held." },
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(TOKEN);
  });

  it("an STS answer that is not XML stops the scan with one sentence, not the SDK's advice to its programmers", async () => {
    await serve(demo, { faults: { rewrite: (x) => (x.service === "sts" ? { body: "<GetCallerIdentityResponse><oops" } : undefined) } });
    const stopped = await scanAccount({ regions: ["eu-west-1"] }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ScanSetupError);
    expect((stopped as Error).message).toBe(
      "Could not identify the AWS account (GetCallerIdentity: SyntaxError: The answer is not valid XML; its text is not kept, as it may hold anything the answer held.)",
    );
  });

  it.each([
    ["throttled", 400, "Throttling", "Rate exceeded"],
    ["unavailable", 503, "ServiceUnavailable", "Service unavailable"],
  ] as const)("STS %s on every attempt stops the scan saying it was retried, and to try again later", async (_, status, code, message) => {
    await serve(demo, {
      faults: { rewrite: (x) => (x.service === "sts" ? { status, headers: { "content-type": "text/xml" }, body: queryError("sts", code, message, "r1", status >= 500 ? "Receiver" : "Sender") } : undefined) },
    });
    const stopped = await scanAccount({ regions: ["eu-west-1"], maxAttempts: 2 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ScanSetupError);
    expect((stopped as Error).message).toBe(
      `Could not identify the AWS account (GetCallerIdentity: ${code}: ${message}): AWS answered so to all 2 attempts (throttled or unavailable); scan again in a few minutes.`,
    );
  });

  it("IAM throttled on every attempt is recorded, not stopped on: every function's role is unknown, none reads as deleted", async () => {
    const ep = await serve(demo, {
      faults: {
        rewrite: (x) =>
          x.operation === "GetAccountAuthorizationDetails" ? { status: 400, headers: { "content-type": "text/xml" }, body: queryError("iam", "Throttling", "Rate exceeded", "r1") } : undefined,
      },
    });
    const { snapshot } = await scanAccount({ regions: ["eu-west-1"], organizations: false, maxAttempts: 2 });
    expect(ep.countByOperation().GetAccountAuthorizationDetails).toBe(2); // the SDK's own retry, not a loop of the scan's
    expect(snapshot.errors.filter((e) => e.operation === "GetAccountAuthorizationDetails")).toEqual([{ operation: "GetAccountAuthorizationDetails", code: "Throttling", message: "Rate exceeded" }]);
    expect(snapshot.iam).toBeUndefined();
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.length).toBeGreaterThan(0);
    expect(report.functions.every((f) => f.unknown.includes("GetAccountAuthorizationDetails: Throttling"))).toBe(true);
    expect(report.findings.filter((f) => f.rule === "execution-role-missing")).toEqual([]);
  });

  it("DescribeRegions throttled on every attempt (--regions all) says to try again, not to grant the permission it has", async () => {
    await serve(demo, {
      faults: { rewrite: (x) => (x.service === "ec2" ? { status: 503, headers: { "content-type": "text/xml" }, body: ec2Error("RequestLimitExceeded", "Request limit exceeded.", "r1") } : undefined) },
    });
    const stopped = await scanAccount({ regions: "all", maxAttempts: 2 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ScanSetupError);
    expect((stopped as Error).message).toBe(
      "Could not list the account's regions for --regions all (DescribeRegions: RequestLimitExceeded): AWS answered so to all 2 attempts (throttled or unavailable); " +
        "scan again in a few minutes, or pass --regions explicitly.",
    );
  });

  it.each([
    ["denied", { status: 403, headers: { "content-type": "text/xml" }, body: ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.", "r1") }, "UnauthorizedOperation", "; grant ec2:DescribeRegions or pass --regions explicitly."],
    ["not XML", { status: 200, body: "<DescribeRegionsResponse><regionInfo" }, "SyntaxError", "; pass --regions explicitly."],
  ] as const)("DescribeRegions %s (--regions all) is told what to do about that", async (_, answer, code, advice) => {
    await serve(demo, { faults: { rewrite: (x) => (x.service === "ec2" ? answer : undefined) } });
    const stopped = await scanAccount({ regions: "all", maxAttempts: 2 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ScanSetupError);
    expect((stopped as Error).message).toBe(`Could not list the account's regions for --regions all (DescribeRegions: ${code})${advice}`);
  });

  it("a Lambda endpoint that cannot be reached is recorded by the network error's code, and analysed as unknown", async () => {
    await serve(demo);
    const restore = withEnv({ AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${await closedPort()}` });
    try {
      const { snapshot } = await scanAccount({ regions: ["eu-west-1"] });
      expect(snapshot.errors.map((e) => [e.operation, e.code])).toEqual([
        ["ListEventSourceMappings", "ECONNREFUSED"],
        ["ListFunctions", "ECONNREFUSED"],
      ]);
      const gap = analyzeSnapshot(snapshot).findings.find((f) => f.rule === "data-unavailable");
      expect(gap?.title).toBe("Functions in eu-west-1 could not be listed (ECONNREFUSED)");
    } finally {
      restore();
    }
  });

  it("an STS endpoint that cannot be reached stops the scan with the network error's code", async () => {
    await serve(demo);
    const restore = withEnv({ AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}` });
    try {
      const stopped = await scanAccount({ regions: ["eu-west-1"] }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(ScanSetupError);
      expect((stopped as Error).message).toMatch(
        /^Could not identify the AWS account \(GetCallerIdentity: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\): nothing answered at AWS_ENDPOINT_URL \(http:\/\/127\.0\.0\.1:\d+\); start the endpoint or correct the variable \(unset, the SDK calls AWS\), then scan again\.$/,
      );
    } finally {
      restore();
    }
  });

  it("a password in an endpoint variable (a proxy's user:password@) is never shown, reachable or not", async () => {
    await serve(demo);
    const port = await closedPort();
    for (const [value, shown] of [
      [`http://audit:hunter2@127.0.0.1:${port}`, `nothing answered at AWS_ENDPOINT_URL (http://<redacted>@127.0.0.1:${port})`],
      ["htp:/audit:hunter2@127.0.0.1", 'AWS_ENDPOINT_URL is "htp:/<redacted>@127.0.0.1", which is not an endpoint URL'],
    ]) {
      const restore = withEnv({ AWS_ENDPOINT_URL: value });
      try {
        const stopped = await scanAccount({ regions: ["eu-west-1"] }).catch((e: unknown) => e);
        expect(stopped).toBeInstanceOf(ScanSetupError);
        expect((stopped as Error).message).toContain(shown);
        expect((stopped as Error).message).not.toContain("hunter2");
      } finally {
        restore();
      }
    }
  });

  it("an endpoint variable that is not a URL stops the scan before any call, naming the variable", async () => {
    await serve(demo);
    // Every service the scan has an SDK client for (package.json), so a client added later is not left unchecked.
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const services = Object.keys(pkg.dependencies).flatMap((d) => d.match(/^@aws-sdk\/client-(.+)$/)?.[1] ?? []);
    expect(services).toContain("sns");
    for (const name of ["AWS_ENDPOINT_URL", ...services.map((s) => `AWS_ENDPOINT_URL_${s.toUpperCase()}`)]) {
      const restore = withEnv({ [name]: "not-a-url" });
      try {
        const stopped = await scanAccount({ regions: ["eu-west-1"] }).catch((e: unknown) => e);
        expect(stopped).toBeInstanceOf(ScanSetupError);
        expect((stopped as Error).message).toBe(
          `${name} is "not-a-url", which is not an endpoint URL (e.g. http://127.0.0.1:4566): correct or unset it, then scan again.`,
        );
      } finally {
        restore();
      }
    }
  });
});
