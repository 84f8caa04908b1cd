/**
 * The EFS access points the region's functions mount and the policies of their file systems (lambda-permissions.md
 * §2 EFS: with a file system policy of its own, the execution role needs elasticfilesystem:ClientMount, and
 * ClientWrite to write; without one, EFS lets in every client that reaches a mount target). Read with
 * DescribeAccessPoints (by AccessPointId: it gives the FileSystemId) and DescribeFileSystemPolicy, stored as EFS
 * returns them under regions[R].DescribeAccessPoints["<access point ARN>"] and
 * regions[R].DescribeFileSystemPolicy["<file system ARN>"] (snapshot.md allows extra operations named by their API).
 * EFS answers PolicyNotFound for a file system without a policy: stored as an answer without Policy, the fact, not
 * an error.
 */
import { DescribeAccessPointsCommand, DescribeFileSystemPolicyCommand, type EFSClient } from "@aws-sdk/client-efs";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { AccessPointsSchema, FileSystemPolicySchema, type SnapshotError } from "@/lib/snapshot/schema";
import { accessPointOf, accessPointsUsed, fileSystemArnOf, parseAccessPointArn } from "@/lib/analysis/file-systems-used";
import { collectPerResource } from "./per-resource";
import { errorCode, errorMessage, MalformedResponse } from "./errors";

type Json = Record<string, unknown>;

/** Every EFS access point ARN the region's functions and published versions mount, sorted. */
export function regionAccessPoints(data: {
  ListFunctions?: { Functions: FunctionConfiguration[] };
  ListVersionsByFunction: Record<string, { Versions: FunctionConfiguration[] }>;
}): string[] {
  return accessPointsUsed([...(data.ListFunctions?.Functions ?? []), ...Object.values(data.ListVersionsByFunction).flatMap((v) => v.Versions)]);
}

export interface FileSystemReads {
  DescribeAccessPoints: Record<string, Json>;
  DescribeFileSystemPolicy: Record<string, Json>;
}

/**
 * Each access point, then the policy of each file system they are of, in the resource's own region. A failed read is
 * an error naming the access point or file system (per-resource.ts), so analysis calls its policy unknown rather
 * than absent; an access point whose read failed leaves its file system unread too, as an error of its own.
 */
export async function collectFileSystems(
  efs: (region: string) => EFSClient,
  accessPoints: readonly string[],
  region: string,
  record: (e: SnapshotError) => void,
): Promise<FileSystemReads> {
  const described = await collectPerResource("DescribeAccessPoints", accessPoints, region, record, AccessPointsSchema, (arn) => {
    const ap = parseAccessPointArn(arn);
    return ap ? efs(ap.region).send(new DescribeAccessPointsCommand({ AccessPointId: ap.id })) : undefined;
  });
  const fileSystems = new Map<string, string>();
  for (const [arn, answer] of Object.entries(described)) {
    const ap = accessPointOf(answer, arn);
    const fsArn = fileSystemArnOf(arn, ap?.FileSystemId, ap?.OwnerId);
    if (fsArn && ap) fileSystems.set(fsArn, ap.FileSystemId as string);
    else {
      // Kept, it would read as an access point of no file system: unknown instead, like any answer that does not fit.
      delete described[arn];
      const bad = new MalformedResponse("the answer does not describe the access point and the file system it is of");
      record({ region, operation: "DescribeAccessPoints", target: arn, code: errorCode(bad), message: errorMessage(bad) });
    }
  }
  const policies = await collectPerResource(
    "DescribeFileSystemPolicy",
    [...fileSystems.keys()].sort(),
    region,
    record,
    FileSystemPolicySchema,
    (arn) => efs(arn.split(":")[3] as string).send(new DescribeFileSystemPolicyCommand({ FileSystemId: fileSystems.get(arn) })),
    (e, arn) => (errorCode(e) === "PolicyNotFound" ? { FileSystemId: fileSystems.get(arn) } : undefined),
  );
  return { DescribeAccessPoints: described, DescribeFileSystemPolicy: policies };
}
