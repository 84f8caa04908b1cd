/**
 * A KMS key as a configuration names it (a queue's KmsMasterKeyId, a function's KMSKeyArn, …): a key id, a key
 * ARN, an alias name or an alias ARN (KMS API, KeyId parameter). IAM authorises kms:Decrypt and friends on the key
 * ARN, never on the alias, so an alias the snapshot does not resolve leaves the key unknown. Aliases under
 * `alias/aws/` are AWS managed keys, whose key policies AWS writes (they let the key's own account use the key
 * through the owning service only).
 */
import { parseArn } from "./arn";

/** Where a bare key id or alias name lives: the account and region of the resource that names it. */
export interface KeyHome {
  partition: string;
  region: string;
  account: string;
}

export type KmsKeyRef =
  /** A key id or key ARN: the ARN IAM evaluates. */
  | { kind: "key"; arn: string; region: string; account: string; partition: string }
  /** An alias: its key is unknown; `awsManaged` for alias/aws/<service>. */
  | { kind: "alias"; alias: string; awsManaged: boolean; region: string; account: string; partition: string };

/** A key id: a UUID, or mrk-<32 hex> for a multi-Region key. */
const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** The key `value` names, read in `home` when it is not an ARN; undefined when it names none (malformed). */
export function kmsKeyRef(value: string, home: KeyHome): KmsKeyRef | undefined {
  const v = value.trim();
  if (v.startsWith("arn:")) {
    const arn = parseArn(v);
    if (!arn || arn.service !== "kms" || !arn.region || !/^\d{12}$/.test(arn.account)) return undefined;
    const where = { region: arn.region, account: arn.account, partition: arn.partition };
    if (arn.resource.startsWith("key/") && KEY_ID.test(arn.resource.slice(4))) return { kind: "key", arn: v, ...where };
    if (ALIAS.test(arn.resource)) return { kind: "alias", alias: arn.resource, awsManaged: isAwsManagedAlias(arn.resource), ...where };
    return undefined;
  }
  if (KEY_ID.test(v)) return { kind: "key", arn: `arn:${home.partition}:kms:${home.region}:${home.account}:key/${v}`, ...home };
  if (ALIAS.test(v)) return { kind: "alias", alias: v, awsManaged: isAwsManagedAlias(v), ...home };
  return undefined;
}

export function isAwsManagedAlias(alias: string): boolean {
  return alias.startsWith("alias/aws/");
}

/** The alias ARN (for sentences): arn:<partition>:kms:<region>:<account>:alias/<name>. */
export function aliasArn(ref: Extract<KmsKeyRef, { kind: "alias" }>): string {
  return `arn:${ref.partition}:kms:${ref.region}:${ref.account}:${ref.alias}`;
}
