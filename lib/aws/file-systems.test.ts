import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { scanAccount } from "./collect";
import { regionAccessPoints } from "./file-systems";

const A = "123456789012";
const R = "us-east-1";
const ap = (id: string, region = R) => `arn:aws:elasticfilesystem:${region}:${A}:access-point/fsap-${id}`;
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"], vpcId: "vpc-0a1b2c3d" };
const POLICY = {
  Version: "2012-10-17",
  Statement: [{ Sid: "Mount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/files-role` }, Action: "elasticfilesystem:ClientMount", Resource: "*" }],
};

describe("regionAccessPoints", () => {
  it("names every EFS access point a function or version mounts, once each, and nothing that is not one", () => {
    const fn = (arn: string, mounts: string[]) => ({ FunctionArn: arn, FileSystemConfigs: mounts.map((Arn) => ({ Arn, LocalMountPath: "/mnt/x" })) });
    const used = regionAccessPoints({
      ListFunctions: { Functions: [fn("f", [ap("0123456789abcdef0")]), fn("g", [`arn:aws:s3files:${R}:${A}:access-point/x`]), { FunctionArn: "h" }] },
      ListVersionsByFunction: { f: { Versions: [fn("f:1", [ap("00000000aaaaaaaa1")]), fn("f:2", [ap("0123456789abcdef0")])] } },
    });
    expect(used).toEqual([ap("00000000aaaaaaaa1"), ap("0123456789abcdef0")]);
  });
});

const serve = useLocalEndpoint();

/** Three functions on three file systems: one with a policy, one on EFS's default policy, one whose read fails. */
function account() {
  const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
  const role = b.role({ name: "files-role" });
  const fsWith = b.efsAccessPoint(ap("1111111111111111a"), { fileSystemId: "fs-11111111", policy: POLICY });
  const fsWithout = b.efsAccessPoint(ap("2222222222222222b"), { fileSystemId: "fs-22222222", policy: null });
  const fsDenied = b.efsAccessPoint(ap("3333333333333333c"), { fileSystemId: "fs-33333333", policy: POLICY });
  b.fn({ region: R, name: "with-policy", runtime: "nodejs22.x", role, vpc: VPC, fileSystems: [ap("1111111111111111a")] });
  b.fn({ region: R, name: "default-policy", runtime: "nodejs22.x", role, vpc: VPC, fileSystems: [ap("2222222222222222b")] });
  b.fn({ region: R, name: "denied", runtime: "nodejs22.x", role, vpc: VPC, fileSystems: [ap("3333333333333333c")] });
  return { input: b.build(), fsWith, fsWithout, fsDenied };
}

describe("the scan's EFS reads, at the local endpoint", () => {
  it("stores each access point and its file system's policy as EFS returns them; PolicyNotFound as an answer without Policy", async () => {
    const { input, fsWith, fsWithout, fsDenied } = account();
    const ep = await serve(input);
    const { snapshot, stats } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([]);
    const region = snapshot.regions[R]!;
    expect(region.DescribeAccessPoints).toEqual(input.regions![R]!.DescribeAccessPoints);
    expect(region.DescribeFileSystemPolicy?.[fsWith]).toEqual({ FileSystemId: "fs-11111111", Policy: JSON.stringify(POLICY) });
    expect(region.DescribeFileSystemPolicy?.[fsWithout]).toEqual({ FileSystemId: "fs-22222222" });
    expect(Object.keys(region.DescribeFileSystemPolicy ?? {}).sort()).toEqual([fsWith, fsWithout, fsDenied].sort());
    // Sent by id, in the access point's region, with EFS's signing name: what AWS routes, not what the endpoint guesses.
    expect(ep.countByOperation((c) => c.service === "elasticfilesystem")).toEqual({ DescribeAccessPoints: 3, DescribeFileSystemPolicy: 3 });
    expect(ep.calls.filter((c) => c.service === "elasticfilesystem").every((c) => c.region === R)).toBe(true);
    expect(stats.operations).toEqual(expect.arrayContaining(["DescribeAccessPoints", "DescribeFileSystemPolicy"]));
  });

  it("records AccessDenied as an error naming the file system, never as 'no policy', and reads the others", async () => {
    const { input, fsWith, fsWithout, fsDenied } = account();
    await serve(input, { faults: { accessDenied: [{ operation: "DescribeFileSystemPolicy", target: fsDenied }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ region: R, operation: "DescribeFileSystemPolicy", target: fsDenied, code: "AccessDeniedException" })]);
    expect(Object.keys(snapshot.regions[R]!.DescribeFileSystemPolicy ?? {}).sort()).toEqual([fsWith, fsWithout].sort());
  });

  it("records a denied access point read, and does not ask for a policy of a file system it could not name", async () => {
    const { input, fsDenied } = account();
    const ep = await serve(input, { faults: { accessDenied: [{ operation: "DescribeAccessPoints", target: ap("3333333333333333c") }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeAccessPoints", target: ap("3333333333333333c"), code: "AccessDeniedException" })]);
    expect(snapshot.regions[R]!.DescribeAccessPoints?.[ap("3333333333333333c")]).toBeUndefined();
    expect(ep.calls.some((c) => c.operation === "DescribeFileSystemPolicy" && c.target === fsDenied)).toBe(false);
  });

  it("records an answer that does not describe the access point as malformed, not as an access point of no file system", async () => {
    const { input, fsDenied } = account();
    const odd = ap("3333333333333333c");
    const ep = await serve(input, {
      faults: { rewrite: (x) => (x.operation === "DescribeAccessPoints" && x.target === odd ? { body: JSON.stringify({ AccessPoints: [] }) } : undefined) },
    });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeAccessPoints", target: odd, code: "MalformedResponse" })]);
    expect(snapshot.regions[R]!.DescribeAccessPoints?.[odd]).toBeUndefined();
    expect(ep.calls.some((c) => c.operation === "DescribeFileSystemPolicy" && c.target === fsDenied)).toBe(false);
  });

  it("retries EFS throttling, and records it when it does not stop", async () => {
    const { input, fsWith } = account();
    let throttled = 0;
    // Every policy read of one file system is throttled; the first of every other EFS call is.
    const seen = new Map<string, number>();
    const ep = await serve(input, {
      faults: {
        rewrite: (x) => {
          if (x.service !== "elasticfilesystem") return undefined;
          const n = (seen.get(`${x.operation}|${x.target}`) ?? 0) + 1;
          seen.set(`${x.operation}|${x.target}`, n);
          if (x.target !== fsWith && n > 1) return undefined;
          throttled++;
          return { status: 429, headers: { "x-amzn-ErrorType": "ThrottlingException" }, body: JSON.stringify({ ErrorCode: "ThrottlingException", Message: "Rate exceeded" }) };
        },
      },
    });
    const { snapshot } = await scanAccount({ regions: [R], maxAttempts: 2 });
    expect(throttled).toBeGreaterThan(5);
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeFileSystemPolicy", target: fsWith, code: "ThrottlingException" })]);
    expect(Object.keys(snapshot.regions[R]!.DescribeAccessPoints ?? {})).toHaveLength(3);
    expect(ep.calls.filter((c) => c.operation === "DescribeFileSystemPolicy" && c.target === fsWith)).toHaveLength(2);
  }, 60_000);

  it("reads no EFS for a region whose functions mount nothing, and writes no empty maps", async () => {
    const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
    b.fn({ region: R, name: "plain", runtime: "nodejs22.x", role: b.role({ name: "plain-role" }) });
    const ep = await serve(b.build());
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(ep.calls.some((c) => c.service === "elasticfilesystem")).toBe(false);
    expect(snapshot.regions[R]).not.toHaveProperty("DescribeAccessPoints");
    expect(snapshot.regions[R]).not.toHaveProperty("DescribeFileSystemPolicy");
  });
});
