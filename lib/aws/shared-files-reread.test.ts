/**
 * The dashboard's server scans many times in one process. The SDK keeps the text of ~/.aws/credentials and
 * ~/.aws/config from its first read for the life of the process, so credentials refreshed in the file afterwards
 * (`aws configure`, saml2aws, gimme-aws-creds and other helpers write them there) were never seen: every Scan now
 * failed as before the refresh until the server restarted.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scanAccount } from "./collect";
import { AwsCredentialsError } from "./errors";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();

describe("the shared credentials and config files", () => {
  it("are read anew by each scan of a process: credentials refreshed in the file after a scan are the next scan's", async () => {
    await serve(demo, { accessKeyId: "AKIDREFRESHED" });
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-reread-"));
    const credentials = path.join(dir, "credentials");
    const key = (id: string) => `[default]\naws_access_key_id = ${id}\naws_secret_access_key = secret\n`;
    writeFileSync(credentials, key("AKIDSTALE"));
    writeFileSync(path.join(dir, "config"), "[default]\nregion = eu-west-1\n");
    const restore = withEnv({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: undefined,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: path.join(dir, "config"),
    });
    try {
      const refused = await scanAccount({ organizations: false }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AwsCredentialsError);
      writeFileSync(credentials, key("AKIDREFRESHED"));
      const { snapshot } = await scanAccount({ organizations: false });
      expect(Object.keys(snapshot.regions)).toEqual(["eu-west-1"]);
      expect(snapshot.regions["eu-west-1"]?.ListFunctions?.Functions.length).toBe(18);
    } finally {
      restore();
    }
  });
});
