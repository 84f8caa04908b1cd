import { describe, expect, it } from "vitest";
import { parseImageUri } from "./images-used";

const A = "123456789012";

describe("parseImageUri", () => {
  it("reads a registry in the commercial and China domains", () => {
    expect(parseImageUri(`${A}.dkr.ecr.us-east-1.amazonaws.com/app:v1`, "aws")?.arn).toBe(`arn:aws:ecr:us-east-1:${A}:repository/app`);
    expect(parseImageUri(`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn/team/app@sha256:${"a".repeat(64)}`, "aws-cn")?.arn).toBe(`arn:aws-cn:ecr:cn-north-1:${A}:repository/team/app`);
  });

  // ECR's registries are served from the partition's endpoint domain (the SDK's partitions table), as the repository
  // policy the scan reads is: an ISO function's image names its repository too.
  it("reads a registry in its partition's own endpoint domain", () => {
    expect(parseImageUri(`${A}.dkr.ecr.us-iso-east-1.c2s.ic.gov/app:v1`, "aws-iso")?.arn).toBe(`arn:aws-iso:ecr:us-iso-east-1:${A}:repository/app`);
    expect(parseImageUri(`${A}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/app:v1`, "aws-iso-b")?.repositoryName).toBe("app");
  });

  it("names no repository on a host of no partition's domain, or another partition's", () => {
    expect(parseImageUri(`${A}.dkr.ecr.us-east-1.example.com/app:v1`, "aws")).toBeUndefined();
    expect(parseImageUri(`${A}.dkr.ecr.us-iso-east-1.c2s.ic.gov/app:v1`, "aws")).toBeUndefined();
    expect(parseImageUri("docker.io/library/app:v1", "aws")).toBeUndefined();
  });

  // Each partition's registries are in its own domain only: China's host names no repository of a commercial,
  // GovCloud or ISO function, nor the commercial host one of China's.
  it("names no repository in a domain that is not the function's partition's", () => {
    expect(parseImageUri(`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn/app:v1`, "aws")).toBeUndefined();
    expect(parseImageUri(`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn/app:v1`, "aws-us-gov")).toBeUndefined();
    expect(parseImageUri(`${A}.dkr.ecr.us-iso-east-1.amazonaws.com.cn/app:v1`, "aws-iso")).toBeUndefined();
    expect(parseImageUri(`${A}.dkr.ecr.cn-north-1.amazonaws.com/app:v1`, "aws-cn")).toBeUndefined();
    expect(parseImageUri(`${A}.dkr.ecr.us-gov-west-1.amazonaws.com/app:v1`, "aws-us-gov")?.arn).toBe(`arn:aws-us-gov:ecr:us-gov-west-1:${A}:repository/app`);
  });

  it("reads a European Sovereign Cloud registry, whose region names start with four letters", () => {
    expect(parseImageUri(`${A}.dkr.ecr.eusc-de-east-1.amazonaws.eu/app:v1`, "aws-eusc")?.arn).toBe(`arn:aws-eusc:ecr:eusc-de-east-1:${A}:repository/app`);
  });
});
