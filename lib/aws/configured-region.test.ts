/**
 * The region a scan without --regions reads is the SDK's configured one (AWS_REGION, the profile's `region`): it must
 * be checked as a --regions value is. The SDK accepts any host label ("Mars", "EU-WEST-1") and would send every call
 * of the scan to a host that does not exist, and it refuses a value that is none ("eu west 1") with an error the scan
 * used to report as "No AWS region configured".
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { ScanSetupError } from "./errors";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();

describe("the configured region", () => {
  it.each(["Mars", "EU-WEST-1", "eu west 1"])("AWS_REGION=%j is refused before any call, naming the value", async (value) => {
    const ep = await serve(demo);
    const restore = withEnv({ AWS_REGION: value });
    try {
      const refused = await scanAccount({}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ScanSetupError);
      expect((refused as Error).message).toBe(
        `The configured AWS region "${value}" (AWS_REGION or the profile's region) is not an AWS region name (e.g. us-east-1): ` +
          "correct it, or pass --regions us-east-1,eu-west-1 (or all).",
      );
      expect(ep.calls).toEqual([]);
    } finally {
      restore();
    }
  });

  it("a region name there is the one scanned", async () => {
    await serve(demo);
    const restore = withEnv({ AWS_REGION: "eu-west-1" });
    try {
      const { snapshot } = await scanAccount({});
      expect(Object.keys(snapshot.regions)).toEqual(["eu-west-1"]);
    } finally {
      restore();
    }
  });
});
