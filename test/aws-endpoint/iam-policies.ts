/**
 * IAM GetPolicy and GetPolicyVersion (Query protocol, answered as XML by server.ts), for the managed policies the
 * scanner reads one by one when GetAccountAuthorizationDetails leaves them out. They answer for every policy the
 * scenario holds: those GAAD lists and those it does not (`unlisted`, from a snapshot's iam.GetPolicy and
 * iam.GetPolicyVersion). An unknown policy or version is IAM's 404 NoSuchEntity.
 */
import type { SnapshotInput } from "@/lib/snapshot/schema";

type Json = Record<string, unknown>;

/** Policy ARN → GetPolicy's Policy and GetPolicyVersion's PolicyVersion, for policies GAAD does not list. */
export type UnlistedPolicies = Map<string, { Policy?: Json; PolicyVersion?: Json }>;

export function unlistedPolicies(snap: SnapshotInput): UnlistedPolicies {
  const out: UnlistedPolicies = new Map();
  const iam = snap.iam as { GetPolicy?: Record<string, Json>; GetPolicyVersion?: Record<string, Json> } | undefined;
  for (const [arn, answer] of Object.entries(iam?.GetPolicy ?? {})) out.set(arn, { ...out.get(arn), Policy: answer.Policy as Json });
  for (const [arn, answer] of Object.entries(iam?.GetPolicyVersion ?? {})) out.set(arn, { ...out.get(arn), PolicyVersion: answer.PolicyVersion as Json });
  return out;
}

export type PolicyAnswer = { result: Json } | { status: number; code: string; message: string };

const noSuchEntity = (message: string): PolicyAnswer => ({ status: 404, code: "NoSuchEntity", message });

/** The answer to GetPolicy or GetPolicyVersion for the request's PolicyArn (and VersionId). */
export function managedPolicyAnswer(operation: "GetPolicy" | "GetPolicyVersion", form: URLSearchParams, listed: readonly Json[], unlisted: UnlistedPolicies): PolicyAnswer {
  const arn = form.get("PolicyArn") ?? "";
  const detail = listed.find((p) => p.Arn === arn);
  const other = unlisted.get(arn);
  if (operation === "GetPolicy") {
    const Policy = detail ? Object.fromEntries(Object.entries(detail).filter(([k]) => k !== "PolicyVersionList")) : other?.Policy;
    return Policy ? { result: { Policy } } : noSuchEntity(`Policy ${arn} was not found.`);
  }
  const versionId = form.get("VersionId");
  const versions = detail ? ((detail.PolicyVersionList ?? []) as Json[]) : other?.PolicyVersion ? [other.PolicyVersion] : [];
  const PolicyVersion = versions.find((v) => v.VersionId === versionId);
  return PolicyVersion ? { result: { PolicyVersion } } : noSuchEntity(`Policy ${arn} version ${versionId ?? "?"} does not exist or is not attachable.`);
}
