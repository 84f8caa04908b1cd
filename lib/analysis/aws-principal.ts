/**
 * What an `{"AWS": …}` entry of a resource or trust policy names, and the caller to ask the policy for. Shared by the
 * invoker lists and the rules that read grants, so both read an entry the same way.
 */
import type { RequestPrincipal } from "@/lib/policy/types";
import { isUniqueId } from "@/lib/policy/principal";
import { lowerArnHead } from "@/lib/policy/arn";
import { accountOfArn, parseArn } from "./arn";

export interface AwsPrincipal {
  /** `deleted`: an IAM unique id (AROA…, AIDA…), which IAM shows in place of a principal that no longer exists. */
  type: "account" | "role" | "user" | "deleted";
  account?: string;
  /**
   * The caller the entry stands for, in `partition` (the function's): an entry naming another partition's principal
   * is asked as the same name in this one, which it does not match, since partitions share no principals.
   */
  request: RequestPrincipal;
}

export function awsPrincipal(written: string, partition: string): AwsPrincipal {
  if (isUniqueId(written)) return { type: "deleted", request: { type: "user", id: written } };
  // An entry spelled `ARN:…` or `arn:AWS:…` is asked as the principal its lower-case reading names: the evaluator matches
  // it that way too and answers "conditional" with its note (lib/policy/principal.ts); as written it names no caller.
  const entry = lowerArnHead(written);
  const own = inPartition(entry, partition);
  const account = /^\d{12}$/.test(entry) ? entry : accountOfArn(entry);
  const resource = parseArn(entry)?.resource ?? "";
  if (/^\d{12}$/.test(entry) || resource === "root") {
    return { type: "account", account, request: { type: "account", id: `arn:${partition}:iam::${account ?? ""}:root`, account } };
  }
  const type = resource.startsWith("role/") || resource.startsWith("assumed-role/") ? "role" : "user";
  return { type, account, request: { type, id: own, account } };
}

/** `arn:aws:iam::A:role/x` seen from aws-cn → `arn:aws-cn:iam::A:role/x`; anything else unchanged. */
function inPartition(entry: string, partition: string): string {
  const arn = parseArn(entry);
  if (!arn || arn.partition === partition) return entry;
  return `arn:${partition}${entry.slice(4 + arn.partition.length)}`;
}
