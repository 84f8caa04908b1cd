/**
 * Which EFS access points a function mounts (FileSystemConfigs[].Arn of the function and its published versions),
 * and the file system an access point belongs to. One reading for the scanner (which access points and file system
 * policies to read) and for analysis (which reads a function's verdicts rest on). Shapes are structural, so the
 * SDK's types and the snapshot schema's both fit.
 */
/** A configuration's FileSystemConfigs, read leniently: the snapshot schema leaves it unchecked. */
export interface FileSystemUser {
  FileSystemConfigs?: unknown;
}

/** arn:<partition>:elasticfilesystem:<region>:<account>:access-point/fsap-<8 to 40 hex digits> (EFS API reference). */
const ACCESS_POINT_ARN = /^arn:(aws[a-z-]*):elasticfilesystem:([a-z0-9-]+):(\d{12}):access-point\/(fsap-[0-9a-f]{8,40})$/;
const FILE_SYSTEM_ID = /^fs-[0-9a-f]{8,40}$/;

export interface AccessPointArnParts {
  partition: string;
  region: string;
  account: string;
  id: string;
}

export function parseAccessPointArn(arn: string): AccessPointArnParts | undefined {
  const m = ACCESS_POINT_ARN.exec(arn);
  return m ? { partition: m[1] as string, region: m[2] as string, account: m[3] as string, id: m[4] as string } : undefined;
}

/** Every ARN the configurations mount, each once, sorted; an ARN that is no EFS access point (S3 Files) included. */
export function mountsOf(configs: Iterable<object>): string[] {
  const out = new Set<string>();
  for (const c of configs) {
    const list = (c as FileSystemUser).FileSystemConfigs;
    if (!Array.isArray(list)) continue;
    for (const fs of list as unknown[]) {
      const arn = typeof fs === "object" && fs !== null ? (fs as { Arn?: unknown }).Arn : undefined;
      if (typeof arn === "string" && arn !== "") out.add(arn);
    }
  }
  return [...out].sort();
}

/** The EFS access points among them. */
export function accessPointsUsed(configs: Iterable<object>): string[] {
  return mountsOf(configs).filter((arn) => ACCESS_POINT_ARN.test(arn));
}

/**
 * The ARN of the file system an access point is of: DescribeAccessPoints gives its FileSystemId (and OwnerId), not
 * its ARN, and a file system is in its access point's partition and region.
 */
export function fileSystemArnOf(accessPointArn: string, fileSystemId: unknown, ownerId?: unknown): string | undefined {
  const ap = parseAccessPointArn(accessPointArn);
  if (!ap || typeof fileSystemId !== "string" || !FILE_SYSTEM_ID.test(fileSystemId)) return undefined;
  const account = typeof ownerId === "string" && /^\d{12}$/.test(ownerId) ? ownerId : ap.account;
  return `arn:${ap.partition}:elasticfilesystem:${ap.region}:${account}:file-system/${fileSystemId}`;
}

/** The access point's description in a DescribeAccessPoints answer asked by its id, or undefined. */
export function accessPointOf(answer: { AccessPoints?: unknown } | undefined, accessPointArn: string): Record<string, unknown> | undefined {
  const id = parseAccessPointArn(accessPointArn)?.id;
  const list = Array.isArray(answer?.AccessPoints) ? (answer.AccessPoints as unknown[]) : [];
  const found = list.find((a) => typeof a === "object" && a !== null && ((a as Record<string, unknown>).AccessPointId === id || (a as Record<string, unknown>).AccessPointArn === accessPointArn));
  return found as Record<string, unknown> | undefined;
}
