/**
 * `--regions all` with no region configured lists the account's regions with EC2 DescribeRegions. The scan knows the
 * partition from GetCallerIdentity by then: in aws-cn and aws-us-gov, us-east-1's endpoint does not exist for it.
 */
import { describe, expect, it } from "vitest";
import { scanAccount } from "./collect";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import { queryError } from "@/test/aws-endpoint/xml";
import type { Exchange } from "@/test/aws-endpoint/faults";
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

/** STS as AWS answers credentials of another partition signed for us-east-1: it does not know them. */
function stsRefusesOutsideItsPartition(home: string) {
  return (x: Exchange) =>
    x.service === "sts" && x.region !== home
      ? { status: 403, headers: { "content-type": "text/xml" }, body: queryError("sts", "InvalidClientTokenId", "The security token included in the request is invalid.", "r-1") }
      : undefined;
}

describe("AWS China or GovCloud credentials with no region configured", () => {
  it("no --regions: says no region is configured before any call, not that AWS rejected the credentials", async () => {
    const ep = await serve(emptyAccount("aws-cn", "cn-north-1"), { faults: { rewrite: stsRefusesOutsideItsPartition("cn-north-1") } });
    const restore = withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    try {
      await expect(scanAccount({})).rejects.toThrow(/^No AWS region configured: pass --regions us-east-1,eu-west-1 \(or all\), or set AWS_REGION\.$/);
      expect(ep.calls).toEqual([]);
    } finally {
      restore();
    }
  });

  it("--regions all: the refusal in us-east-1 says to set AWS_REGION for those partitions", async () => {
    await serve(emptyAccount("aws-cn", "cn-north-1"), { faults: { rewrite: stsRefusesOutsideItsPartition("cn-north-1") } });
    const restore = withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    try {
      const refused = (await scanAccount({ regions: "all" }).then(() => new Error("the scan went on"), (e: unknown) => e)) as Error;
      expect(refused.message).toMatch(/^AWS rejected the credentials from .* \(InvalidClientTokenId\)/);
      expect(refused.message).toMatch(
        / No AWS region is configured, so they were checked in us-east-1 \(partition aws\): for AWS China or AWS GovCloud credentials, set AWS_REGION \(e\.g\. cn-north-1 or us-gov-west-1\) or pass --regions with a region of theirs\.$/,
      );
      expect(refused.message).not.toContain("\n");
    } finally {
      restore();
    }
  });

  it("--regions all with a region configured: the credentials are checked in that region's partition, and the scan goes on", async () => {
    const ep = await serve(emptyAccount("aws-cn", "cn-northwest-1"), { faults: { rewrite: stsRefusesOutsideItsPartition("cn-north-1") } });
    const restore = withEnv({ AWS_REGION: "cn-northwest-1", AWS_DEFAULT_REGION: undefined });
    try {
      const { snapshot } = await scanAccount({ regions: "all" });
      expect(ep.calls.filter((c) => c.service === "sts").map((c) => c.region)).toEqual(["cn-north-1"]);
      expect(Object.keys(snapshot.regions)).toEqual(["cn-northwest-1"]);
    } finally {
      restore();
    }
  });
});
