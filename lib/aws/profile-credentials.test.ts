/**
 * profileCredentialKind against the SDK itself: for each profile, the SDK's fromIni (the provider the default chain
 * uses for a named profile) is run, and whether it ran the profile's credential_process must be what the function says.
 * Nothing here reaches a network: the providers that would (STS, SSO) fail on a missing source or token first.
 */
import { describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fromIni } from "@aws-sdk/credential-provider-ini";
import { loadSharedConfigFiles } from "@smithy/core/config";
import { profileCredentialKind } from "./clients";

/** Profile "p" with `config` in the config file and `credentials` in the credentials file, its process marking each run. */
async function profile(config: string, credentials = "") {
  const dir = mkdtempSync(path.join(tmpdir(), "lpg-profile-kind-"));
  const script = path.join(dir, "get-creds");
  const ran = path.join(dir, "ran");
  writeFileSync(script, `#!/bin/sh\ntouch "${ran}"\necho '{"Version":1,"AccessKeyId":"AKIAPROCESS","SecretAccessKey":"s"}'\n`);
  chmodSync(script, 0o755);
  const configFile = path.join(dir, "config");
  const credentialsFile = path.join(dir, "credentials");
  writeFileSync(configFile, `[profile p]\n${config.replaceAll("PROCESS", script)}\n`);
  writeFileSync(credentialsFile, credentials ? `[p]\n${credentials.replaceAll("PROCESS", script)}\n` : "");
  const files = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });
  await fromIni({ profile: "p", filepath: credentialsFile, configFilepath: configFile, ignoreCache: true })().catch(() => undefined);
  return { kind: profileCredentialKind("p", files), ranProcess: existsSync(ran) };
}

describe("profileCredentialKind follows credential-provider-ini's order", () => {
  it.each([
    ["SSO settings beside it (SSO comes after the process)", "sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\ncredential_process = PROCESS", "process"],
    ["role_arn without a source", "role_arn = arn:aws:iam::123456789012:role/r\ncredential_process = PROCESS", "process"],
    ["an access key id without its secret", "aws_access_key_id = AKIAONLYID\ncredential_process = PROCESS", "process"],
    ["static keys (they come first)", "aws_access_key_id = AKIASTATIC\naws_secret_access_key = s\ncredential_process = PROCESS", "static"],
    ["an assumed role with a source profile", "role_arn = arn:aws:iam::123456789012:role/r\nsource_profile = nowhere\ncredential_process = PROCESS", "assume-role"],
    ["web identity", "role_arn = arn:aws:iam::123456789012:role/r\nweb_identity_token_file = /nonexistent/token\ncredential_process = PROCESS", "web-identity"],
    ["SSO alone", "sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin", "sso"],
  ])("%s", async (_, config, kind) => {
    const r = await profile(config);
    expect(r.kind).toBe(kind);
    expect(r.ranProcess).toBe(kind === "process");
  });

  it("reads the profile from both files, as the SDK merges them", async () => {
    const r = await profile("credential_process = PROCESS", "aws_access_key_id = AKIASTATIC\naws_secret_access_key = s");
    expect(r).toEqual({ kind: "static", ranProcess: false });
  });
});
