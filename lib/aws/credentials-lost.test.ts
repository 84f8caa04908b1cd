/**
 * Credentials that stop working part way through a scan (a session token from the environment outlives its hour;
 * AWS answers every later call ExpiredToken/ExpiredTokenException). Recording each of the thousands of calls left
 * and storing what remains as the latest snapshot would put an account of unknowns in place of the last good scan.
 */
import { describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scanAccount } from "./collect";
import { AwsCredentialsError } from "./errors";
import { lambdaError } from "@/test/aws-endpoint/lambda";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { FAKE_ACCESS_KEY, withEnv } from "@/test/aws-endpoint/env";
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
    // The test endpoint's keys are in the environment: new ones go there, no sign-in refreshes them.
    expect((stopped as Error).message).toMatch(
      /^The scan stopped after \d+ calls: the AWS credentials from .* have expired: set new AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in the environment, then scan again\.$/,
    );
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

  describe("a failed credential refresh (a container or instance credentials endpoint that blips)", () => {
    /**
     * Credentials that are refreshed before every call (they expire within the SDK's five-minute window), the
     * refreshes numbered from 1 failing as the SDK's providers fail (CredentialsProviderError).
     */
    function refreshing(fails: (n: number) => boolean, message = "Error when retrieving credentials from container-role: connect ECONNREFUSED") {
      let n = 0;
      return async () => {
        if (fails(++n)) throw Object.assign(new Error(message), { name: "CredentialsProviderError" });
        return { accessKeyId: FAKE_ACCESS_KEY, secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", expiration: new Date(Date.now() + 60_000) };
      };
    }

    it("once is retried, and the scan finishes with nothing missing", async () => {
      await serve(demo);
      const { snapshot } = await scanAccount({ regions: ["us-east-1"], credentials: refreshing((n) => n === 20) });
      expect(snapshot.regions["us-east-1"]?.ListFunctions?.Functions.length).toBe(66);
      expect(snapshot.errors.filter((e) => e.region === "us-east-1").map((e) => e.code)).not.toContain("CredentialsProviderError");
    });

    it("for good stops the scan, after a few tries, with one sentence saying the refresh failed", async () => {
      const ep = await serve(demo);
      const stopped = await scanAccount({ regions: ["us-east-1"], credentials: refreshing((n) => n >= 20) }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(AwsCredentialsError);
      expect((stopped as Error).message).toMatch(/^The scan stopped after \d+ calls: the AWS credentials from .* could not be refreshed in 4 tries \(CredentialsProviderError, [^)]*\): .*then scan again\.$/);
      expect((stopped as Error).message.split(". ").length).toBe(1);
      // Nothing is sent once the refresh failed: each of the 19 refreshes that worked signed at most one request
      // (a scan that went on would send hundreds). A scan that retried without end would hit the test's timeout.
      expect(ep.calls.length).toBeLessThanOrEqual(19);
    });

    it("by a credential_process never quotes its command line or output (a token passed as an argument)", async () => {
      await serve(demo);
      // What the SDK's fromProcess throws when the process exits non-zero: Node's exec error message.
      const failed = "Command failed: /usr/local/bin/get-creds --token abc123secret\nget-creds: token abc123secret refused\n";
      const stopped = await scanAccount({ regions: ["us-east-1"], credentials: refreshing((n) => n >= 20, failed) }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(AwsCredentialsError);
      expect((stopped as Error).message).toMatch(/could not be refreshed in 4 tries \(CredentialsProviderError, their credential_process failed; its command line and output are not shown/);
      expect((stopped as Error).message).not.toMatch(/abc123secret|get-creds|Command failed/);
    });

    it("at the start, before any call was signed, is not retried: no credentials at all is said at once", async () => {
      const ep = await serve(demo);
      const refused = await scanAccount({ regions: ["us-east-1"], credentials: refreshing(() => true) }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AwsCredentialsError);
      expect((refused as Error).message).toMatch(/^No AWS credentials found/);
      expect(ep.calls).toEqual([]);
    });
  });
});

describe("a profile's credential_process that fails", () => {
  /**
   * The path of `scan --profile` and the dashboard: the SDK's default chain runs the profile's credential_process
   * (a token on its command line, as users pass one), whose credentials are refreshed before every call until its
   * `failFrom`th run; from then on it exits 3 quoting the token on stderr. `awsProfile`: the AWS_PROFILE to set.
   */
  function credentialProcessProfile(failFrom: number, awsProfile?: string, more = ""): () => void {
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-credential-process-"));
    const script = path.join(dir, "get-creds");
    writeFileSync(
      script,
      [
        "#!/bin/sh",
        // One line appended per run: the SDK runs the process concurrently, and a read-then-write counter lost runs.
        `echo run >> "${dir}/runs"; n=$(wc -l < "${dir}/runs")`,
        `if [ $n -ge ${failFrom} ]; then echo "token $2 refused" >&2; exit 3; fi`,
        `printf '{"Version":1,"AccessKeyId":"${FAKE_ACCESS_KEY}","SecretAccessKey":"s","Expiration":"%s"}' "$(date -u -d '+60 seconds' +%Y-%m-%dT%H:%M:%SZ)"`,
        "",
      ].join("\n"),
    );
    chmodSync(script, 0o755);
    writeFileSync(path.join(dir, "config"), `[profile ci]\nregion = us-east-1\n${more}credential_process = ${script} --token abc123secret\n`);
    return withEnv({ AWS_CONFIG_FILE: path.join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"), AWS_PROFILE: awsProfile });
  }

  it("stops the scan without quoting its command line or output", async () => {
    await serve(demo);
    const restore = credentialProcessProfile(8);
    try {
      const stopped = await scanAccount({ profile: "ci", regions: ["us-east-1"], organizations: false }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(AwsCredentialsError);
      expect((stopped as Error).message).toMatch(/^The scan stopped after \d+ calls: the AWS credentials from profile "ci" could not be refreshed in 4 tries \(CredentialsProviderError, their credential_process failed; /);
      expect((stopped as Error).message).not.toMatch(/abc123secret|get-creds|Command failed/);
    } finally {
      restore();
    }
  });

  it.each([
    ["AWS_PROFILE", { awsProfile: "ci" }, ' (named by AWS_PROFILE)'],
    ["--profile", { profile: "ci" }, ""],
  ] as const)("at the first call (profile from %s) is named, with the profile, without its command line or output", async (_, how, named) => {
    const ep = await serve(demo);
    // The endpoint's static keys would come first in the chain: a profile's credentials are the ones asked for.
    const restore = withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const restoreProfile = credentialProcessProfile(1, "awsProfile" in how ? how.awsProfile : undefined);
    try {
      const profile = "profile" in how ? how.profile : undefined;
      const refused = await scanAccount({ profile, regions: ["us-east-1"], organizations: false }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AwsCredentialsError);
      expect((refused as Error).message).toBe(
        `The credential_process of AWS profile "ci"${named} failed (its command line and output are not shown, as they may hold secrets): ` +
          "run `aws configure export-credentials --profile ci` to see its error, fix it, then scan again.",
      );
      expect((refused as Error).message).not.toMatch(/abc123secret|get-creds|Command failed|refused/);
      expect(ep.calls).toEqual([]);
    } finally {
      restoreProfile();
      restore();
    }
  });

  it("is named as such when the profile has SSO settings too: the SDK runs the process before SSO", async () => {
    const ep = await serve(demo);
    const restore = withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const restoreProfile = credentialProcessProfile(1, undefined, "sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n");
    try {
      const refused = await scanAccount({ profile: "ci", regions: ["us-east-1"], organizations: false }).catch((e: unknown) => e);
      expect((refused as Error).message).toMatch(/^The credential_process of AWS profile "ci" failed .*`aws configure export-credentials --profile ci`/);
      expect(ep.calls).toEqual([]);
    } finally {
      restoreProfile();
      restore();
    }
  });

  it("whose session expires mid-scan is advised by its process, not `aws sso login`", async () => {
    await serve(demo, { faults: { rewrite: expiringAfter(10) } });
    const restore = withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const restoreProfile = credentialProcessProfile(10_000);
    try {
      const stopped = await scanAccount({ profile: "ci", regions: ["us-east-1"], organizations: false }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(AwsCredentialsError);
      expect((stopped as Error).message).toMatch(
        /the AWS credentials from profile "ci" have expired: run `aws configure export-credentials --profile ci` to see what its credential_process gives, and fix it, then scan again\.$/,
      );
      expect((stopped as Error).message).not.toMatch(/sso login|abc123secret/);
    } finally {
      restoreProfile();
      restore();
    }
  });
});
