/**
 * efs-permission-missing: a function mounts an EFS access point whose file system has a policy of its own, and its
 * execution role lacks elasticfilesystem:ClientMount (the function cannot start) or ClientWrite (writes fail) on the
 * file system (lambda-permissions.md §2 EFS, configuration-filesystem.html). One evaluation of the role's policies
 * and the file system policy: within the account either may allow, and a Deny in either refuses. A file system
 * without a policy is on EFS's default policy, which lets in every client that reaches a mount target: no need. A
 * routed-to version published with another role or mount is judged by its own (deployments.ts). Unread access points
 * and policies are data-unavailable's (the rule needs them), never "fine".
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence } from "@/lib/analysis/types";
import { mountsOf, parseAccessPointArn } from "@/lib/analysis/file-systems-used";
import { efsMount, mountContext } from "@/lib/analysis/file-systems";
import { configEvidence } from "../evidence";
import { deploymentFindings, type Deployment } from "../deployments";
import type { Need } from "../role-needs";
import type { Rule, RuleContext } from "../types";

/** The needs of one mount, and the evidence of the access point; undefined when EFS's default policy lets it in. */
function mountNeeds(ctx: RuleContext, accessPointArn: string): { needs: Need[]; evidence: Evidence } | undefined {
  const mount = efsMount(ctx.model.fileSystems, accessPointArn);
  // Unknown mounts make the function's data unknown (account-model.ts): this rule is not asked for it then.
  if (mount.kind !== "read" || !mount.policy) return undefined;
  const fs = mount.fileSystemArn;
  const context = { [fs]: mountContext(accessPointArn) };
  return {
    needs: [
      { action: "elasticfilesystem:ClientMount", resources: [fs], context },
      // Without it EFS mounts the file system read-only: only writes fail, and a function may never write.
      { action: "elasticfilesystem:ClientWrite", resources: [fs], context, secondary: true, assumption: "if the function writes" },
    ],
    evidence: {
      kind: "configuration",
      description: `Access point ${accessPointArn} is of file system ${fs}, which has a file system policy of its own (DescribeAccessPoints, DescribeFileSystemPolicy)`,
      source: { resourceArn: accessPointArn, operation: "DescribeAccessPoints" },
      document: mount.accessPoint,
      highlight: ["FileSystemId", mount.accessPoint.FileSystemId as string],
    },
  };
}

/** Mounts that are not EFS access points (Amazon S3 Files): their permissions are not known here, so not checked. */
function notChecked(ctx: RuleContext, fn: FunctionModel, d: Deployment): void {
  for (const arn of mountsOf([d.config])) {
    if (!parseAccessPointArn(arn)) {
      ctx.model.problems.push({ where: `file system ${arn} of ${fn.name}`, why: "not an EFS access point: the permissions it needs are not known to this analysis, not checked" });
    }
  }
}

export const efsPermissionMissing: Rule = {
  id: "efs-permission-missing",
  title: "Cannot mount the EFS file system",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails", "DescribeFileSystemPolicy"],
  description:
    "The function mounts an EFS access point whose file system has a file system policy, and its role lacks elasticfilesystem:ClientMount (the function cannot start) or ClientWrite (writes fail) on the file system, in its identity policies and in that policy alike, or either denies it.",
  check(ctx) {
    return deploymentFindings(ctx, this, (c) => JSON.stringify(mountsOf([c])), (fn, d) => {
      notChecked(ctx, fn, d);
      const mounts = mountsOf([d.config]).flatMap((arn) => {
        const m = mountNeeds(ctx, arn);
        return m ? [{ arn, ...m }] : [];
      });
      if (mounts.length === 0) return undefined;
      const configs = d.config.FileSystemConfigs;
      const paths = mounts.map((m) => m.arn).join(", ");
      return {
        needs: mounts.flatMap((m) => m.needs),
        subject: d.label ? `EFS mount of ${d.label}` : "EFS mount",
        intro: `${d.label ? `The function's ${d.label}, as published,` : "The function"} mounts EFS access point ${paths}; its file system has a file system policy, so EFS lets the execution role mount it only where IAM allows elasticfilesystem:ClientMount, and write only where it allows ClientWrite.`,
        impact:
          "Without ClientMount Lambda cannot mount the file system: the function does not start, and invocations fail with EFSMountFailure. Without ClientWrite it is mounted read-only: the function's writes fail.",
        context: [configEvidence(d.versionArn ?? fn.arn, `FileSystemConfigs of ${d.label ?? fn.name}`, { FileSystemConfigs: configs }, mounts.map((m) => m.arn)), ...mounts.map((m) => m.evidence)],
      };
    });
  },
};
