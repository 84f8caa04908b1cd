/**
 * Credentials that stop working part way through a scan (a session token from the environment outlives its hour;
 * AWS answers every later call ExpiredToken/ExpiredTokenException). Recording each of the thousands of calls left
 * and storing what remains as the latest snapshot would put an account of unknowns in place of the last good scan.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { AwsCredentialsError } from "./errors";
import { lambdaError } from "@/test/aws-endpoint/lambda";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();

/** Every Lambda call after the first `ok` is answered as AWS answers an expired session token. */
function expiringAfter(ok: number) {
  let lambdaCalls = 0;
  return (x: { service: string }) => {
    if (x.service !== "lambda" || ++lambdaCalls <= ok) return undefined;
    return lambdaError(403, "ExpiredTokenException", "The security token included in the request is expired");
  };
}

describe("credentials that expire during the scan", () => {
  it("stop the scan with one sentence saying so, and the calls still queued are not sent", async () => {
    const ep = await serve(demo, { faults: { rewrite: expiringAfter(10) } });
    const stopped = await scanAccount({ regions: ["us-east-1"] }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(AwsCredentialsError);
    expect((stopped as Error).message).toMatch(/^The scan stopped after \d+ calls: the AWS credentials from .* have expired: refresh them/);
    // 66 functions: a scan that went on would send several hundred more Lambda calls, each refused.
    const refused = ep.calls.filter((c) => c.service === "lambda" && c.status === 403).length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(8); // the requests already in flight (the region's concurrency)
  });

  it("a region refusing valid credentials (not enabled there) is still recorded for that region, and the scan goes on", async () => {
    await serve(demo, {
      faults: {
        rewrite: (x) =>
          x.service === "lambda" && x.region === "eu-west-1"
            ? lambdaError(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
            : undefined,
      },
    });
    const { snapshot } = await scanAccount({ regions: ["us-east-1", "eu-west-1"] });
    expect(snapshot.regions["us-east-1"]?.ListFunctions?.Functions.length).toBe(66);
    expect(snapshot.errors.filter((e) => e.region === "eu-west-1").map((e) => e.code)).toEqual(["UnrecognizedClientException", "UnrecognizedClientException"]);
  });
});
