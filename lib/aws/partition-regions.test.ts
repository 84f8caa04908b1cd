/**
 * `--regions all` with no region configured lists the account's regions with EC2 DescribeRegions. The scan knows the
 * partition from GetCallerIdentity by then: in aws-cn and aws-us-gov, us-east-1's endpoint does not exist for it.
 */
import { describe, expect, it } from "vitest";
import { scanAccount } from "./collect";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const serve = useLocalEndpoint();

function emptyAccount(partition: string, region: string): SnapshotInput {
  const Arn = `arn:${partition}:iam::123456789012:user/auditor`;
  return {
    format: "lpg-snapshot/1",
    capturedAt: "2026-12-01T00:00:00Z",
    account: "123456789012",
    partition,
    sts: { GetCallerIdentity: { UserId: "AIDAEXAMPLE", Account: "123456789012", Arn } },
    regions: { [region]: {} },
    errors: [],
  } as unknown as SnapshotInput;
}

describe("--regions all without a configured region", () => {
  it.each([
    ["aws-cn", "cn-north-1", "cn-northwest-1"],
    ["aws-us-gov", "us-gov-west-1", "us-gov-east-1"],
  ])("asks DescribeRegions in a region of the %s partition, not us-east-1", async (partition, home, scanned) => {
    const ep = await serve(emptyAccount(partition, scanned));
    const restore = withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    try {
      const { snapshot } = await scanAccount({ regions: "all" });
      const asked = ep.calls.filter((c) => c.operation === "DescribeRegions") as { region?: string }[];
      expect(asked.map((c) => c.region)).toEqual([home]);
      expect(Object.keys(snapshot.regions)).toEqual([scanned]);
    } finally {
      restore();
    }
  });
});
