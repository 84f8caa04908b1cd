/**
 * The EFS file systems functions mount, from the scan's DescribeAccessPoints and DescribeFileSystemPolicy
 * (lib/aws/file-systems.ts): which file system an access point is of, and that file system's policy, parsed once
 * per model so every question on it (role-access.ts) weighs it. A file system without a policy of its own is on
 * EFS's default policy, which lets in every client that reaches a mount target (lambda-permissions.md §2 EFS); one
 * whose read failed, whose answer is malformed or that the reads left out is unknown, never "no policy".
 */
import type { PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import { accessPointOf, accessPointsUsed, fileSystemArnOf } from "./file-systems-used";
import { MALFORMED_POLICY, MALFORMED_RESPONSE, NOT_READ, toUnavailable } from "./snapshot-gaps";
import { parsedResourcePolicies, readOf, resourceReads, type ResourcePolicy, type ResourceReads, type Unread } from "./resource-reads";
import type { AccountModel, FunctionModel } from "./account-model";
import type { ParseProblem } from "./types";

/** A file system's own policy, or why it is unknown (the document is malformed). */
export type FileSystemPolicy = ResourcePolicy;

export interface FileSystemModel {
  accessPoints: ResourceReads<"DescribeAccessPoints">;
  policyReads: ResourceReads<"DescribeFileSystemPolicy">;
  /** File system ARN → its parsed policy, or why unknown (malformed, read failed); file systems read without a policy are absent. */
  policies: ReadonlyMap<string, FileSystemPolicy>;
}

/** A mount as the snapshot knows it: the access point and its file system, with the policy or none; or why unknown. */
export type EfsMount =
  | {
      kind: "read";
      accessPointArn: string;
      accessPoint: Record<string, unknown>;
      fileSystemArn: string;
      /** Undefined: the file system has no policy of its own (EFS answered PolicyNotFound). */
      policy?: PolicyDocument;
    }
  | (Unread & { operation?: "DescribeAccessPoints" | "DescribeFileSystemPolicy"; target?: string; code?: string });

export function fileSystemModel(snapshot: Snapshot, reading: PolicyReading, problems: ParseProblem[]): FileSystemModel {
  const accessPoints = resourceReads(snapshot, "DescribeAccessPoints");
  const policyReads = resourceReads(snapshot, "DescribeFileSystemPolicy");
  const policies = parsedResourcePolicies(policyReads, (response) => response.Policy, "file system policy", reading, problems);
  // A failed read is an unknown policy, as a queue's is (queue-policies.ts): not "none", which would let the role's
  // identity policies alone decide on a file system whose policy may deny it.
  for (const [arn, e] of policyReads.errors) if (!policies.has(arn)) policies.set(arn, { unread: `DescribeFileSystemPolicy failed (${e.code ?? "error"})` });
  return { accessPoints, policyReads, policies };
}

/** What the snapshot says of one mounted access point. */
export function efsMount(model: FileSystemModel, accessPointArn: string): EfsMount {
  const read = readOf(model.accessPoints, accessPointArn);
  if (read.kind !== "read") return { ...read, operation: "DescribeAccessPoints", target: accessPointArn };
  const accessPoint = accessPointOf(read.response, accessPointArn);
  const fileSystemArn = fileSystemArnOf(accessPointArn, accessPoint?.FileSystemId, accessPoint?.OwnerId);
  if (!accessPoint || !fileSystemArn) {
    const why = "its DescribeAccessPoints answer does not describe it and the file system it is of";
    return { kind: "unknown", why, operation: "DescribeAccessPoints", target: accessPointArn, code: MALFORMED_RESPONSE };
  }
  const policyRead = readOf(model.policyReads, fileSystemArn);
  if (policyRead.kind !== "read") return { ...policyRead, operation: "DescribeFileSystemPolicy", target: fileSystemArn };
  const parsed = model.policies.get(fileSystemArn);
  if (parsed?.unread !== undefined) {
    return { kind: "unknown", why: parsed.unread, operation: "DescribeFileSystemPolicy", target: fileSystemArn, code: MALFORMED_POLICY };
  }
  return { kind: "read", accessPointArn, accessPoint, fileSystemArn, ...(parsed?.policy ? { policy: parsed.policy } : {}) };
}

/**
 * What EFS knows of a mount request (Service Authorization Reference, Amazon Elastic File System: ClientMount and
 * ClientWrite take elasticfilesystem:AccessPointArn and elasticfilesystem:AccessedViaMountTarget): Lambda mounts
 * through the access point, over a mount target in the function's VPC. EFS asks IAM about a client only when it mounts
 * with IAM authorisation, which its mount helper does over TLS alone (efs/latest/ug/mounting-IAM-option.html: `-o
 * tls,iam`), so aws:SecureTransport is true: the usual "deny clients without TLS" statement never refuses Lambda.
 * Other keys (the file system's tags, the organisation) stay unknown, so a statement testing them is conditional.
 */
export function mountContext(accessPointArn: string): Record<string, string> {
  return {
    "elasticfilesystem:AccessPointArn": accessPointArn,
    "elasticfilesystem:AccessedViaMountTarget": "true",
    "aws:SecureTransport": "true",
  };
}

/** A file system that functions running as a role mount, through which access points; its policy, or why unknown. */
export interface RoleMount {
  fileSystemArn: string;
  accessPoints: string[];
  /** Undefined with `unread` undefined: EFS's default policy, which lets every client in without asking IAM. */
  policy?: PolicyDocument;
  /** Why the file system's policy is unknown (its read failed, it is malformed). */
  unread?: string;
}

const NO_MOUNTS: readonly RoleMount[] = Object.freeze([]);
const mountsByModel = new WeakMap<AccountModel, Map<string, RoleMount[]>>();

/**
 * The file systems a role's functions mount (each function's current configuration under its role, each published
 * version's under the role it was published with), found once per model. An access point whose own read is unknown
 * names no file system: the function's unknown list says so, and nothing here.
 */
export function roleMounts(model: AccountModel, roleArn: string): readonly RoleMount[] {
  let byRole = mountsByModel.get(model);
  if (!byRole) {
    byRole = mountsOfRoles(model);
    mountsByModel.set(model, byRole);
  }
  return byRole.get(roleArn) ?? NO_MOUNTS;
}

function mountsOfRoles(model: AccountModel): Map<string, RoleMount[]> {
  const out = new Map<string, RoleMount[]>();
  const add = (roleArn: unknown, config: object) => {
    if (typeof roleArn !== "string") return;
    for (const accessPointArn of accessPointsUsed([config])) {
      const mount = efsMount(model.fileSystems, accessPointArn);
      const known = mount.kind === "read"
        ? { fileSystemArn: mount.fileSystemArn, policy: mount.policy }
        : mount.kind === "unknown" && mount.operation === "DescribeFileSystemPolicy" && mount.target
          ? { fileSystemArn: mount.target, unread: mount.why }
          : undefined;
      if (!known) continue;
      let list = out.get(roleArn);
      if (!list) out.set(roleArn, (list = []));
      const same = list.find((m) => m.fileSystemArn === known.fileSystemArn);
      if (!same) list.push({ ...known, accessPoints: [accessPointArn] });
      else if (!same.accessPoints.includes(accessPointArn)) same.accessPoints.push(accessPointArn);
    }
  };
  for (const fn of model.functions) {
    add(fn.roleArn, fn.config);
    for (const v of fn.versions) add(v.Role, v);
  }
  return out;
}

/** The EFS access points a function and its published versions mount. */
export function accessPointsOf(fn: FunctionModel): string[] {
  return accessPointsUsed([fn.config, ...fn.versions]);
}

/**
 * Marks each function's data unknown for each mount whose access point or file system policy is unknown, so rules
 * that need it give no verdict and data-unavailable says why. True when some function mounts a file system and the
 * snapshot holds no EFS read at all (an older scan, another tool): not judged, said once for the account.
 */
export function addFileSystemGaps(functions: readonly FunctionModel[], model: FileSystemModel): boolean {
  let notRead = false;
  for (const fn of functions) {
    for (const arn of accessPointsOf(fn)) {
      const mount = efsMount(model, arn);
      if (mount.kind === "read") continue;
      if (mount.kind === "not-read") {
        notRead = true;
        continue;
      }
      const operation = mount.operation ?? "DescribeAccessPoints";
      fn.unavailable.push(mount.error ? toUnavailable(mount.error) : { operation, target: mount.target ?? arn, code: mount.code ?? NOT_READ, message: mount.why });
      fn.unknownOps.add(operation);
    }
  }
  return notRead;
}
