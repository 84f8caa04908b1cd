import { describe, expect, it } from "vitest";
import { IAMClient } from "@aws-sdk/client-iam";
import { globalRegionOf } from "./clients";

describe("globalRegionOf (IAM and STS sign for the scanned partition)", () => {
  it.each([
    ["eu-west-1", "us-east-1"],
    [undefined, "us-east-1"],
    ["cn-northwest-1", "cn-north-1"],
    ["us-gov-east-1", "us-gov-west-1"],
    ["us-iso-east-1", "us-iso-east-1"],
    ["us-isob-east-1", "us-isob-east-1"],
  ])("%s → %s", (region, expected) => {
    expect(globalRegionOf(region)).toBe(expected);
  });

  it("resolves IAM to the partition's own endpoint (no network: the SDK's endpoint rules only)", async () => {
    const host = async (region: string) => {
      const client = new IAMClient({ region: globalRegionOf(region), credentials: { accessKeyId: "x", secretAccessKey: "y" } });
      const endpoint = await client.config.endpointProvider({ Region: await client.config.region(), UseFIPS: false, UseDualStack: false });
      client.destroy();
      return endpoint.url.host;
    };
    expect(await host("cn-north-1")).toBe("iam.cn-north-1.amazonaws.com.cn");
    expect(await host("us-gov-west-1")).toBe("iam.us-gov.amazonaws.com");
    expect(await host("eu-west-1")).toBe("iam.amazonaws.com");
  });
});
