/**
 * The KMS keys the region's configuration names: functions' and published versions' KMSKeyArn, the queues' and
 * topics' KmsMasterKeyId (GetQueueAttributes, GetTopicAttributes), and the streams' KeyId (DescribeStreamSummary). For each reference, DescribeKey (which resolves an alias and gives the key's
 * state and manager); for each key, GetKeyPolicy ("default") and ListGrants, all pages. Stored as KMS returns them
 * under regions[R].DescribeKey["<reference as sent>"], .GetKeyPolicy["<key ARN>"], .ListGrants["<key ARN>"]
 * (snapshot.md allows extra operations named by their API); a failure becomes an error with the reference or key
 * ARN as target, so analysis calls that key's answers unknown (after a failed later page of grants, the grants
 * read are kept beside it). Another account's key usually answers DescribeKey but not GetKeyPolicy (only its owner
 * reads it): recorded as the failure it is.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand, paginateListGrants, type KMSClient } from "@aws-sdk/client-kms";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { DescribeKeySchema, KeyPolicySchema, type SnapshotError } from "@/lib/snapshot/schema";
import { kmsKeyRef, type KeyHome } from "@/lib/analysis/kms-key";
import { canonicalRef } from "@/lib/analysis/kms-keys";
import { parseStreamArn } from "@/lib/analysis/streams-used";
import { parseQueueArn, parseTopicArn } from "@/lib/analysis/queues-used";
import { errorCode, errorMessage } from "./errors";
import { plain } from "./plain";
import { pagedItems } from "./pages";
import { malformed } from "./items";

type Json = Record<string, unknown>;

/** The region's data the key references are drawn from (as collectRegion holds it). */
export interface KeySources {
  ListFunctions?: { Functions: FunctionConfiguration[] };
  ListVersionsByFunction: Record<string, { Versions: FunctionConfiguration[] }>;
  GetQueueAttributes?: Record<string, Json>;
  GetTopicAttributes?: Record<string, Json>;
  DescribeStreamSummary?: Record<string, Json>;
}

export interface KmsKeyReads {
  DescribeKey: Record<string, Json>;
  GetKeyPolicy: Record<string, Json>;
  ListGrants: Record<string, { Grants: Json[] }>;
}

/**
 * Every key reference of the region, as DescribeKey will be sent it, sorted: a bare key id or alias name read in
 * this region and account as written (the analysis reads it there too), anything else as its ARN, which names its
 * region and account wherever it is stored.
 */
export function regionKeyRefs(data: KeySources, region: string, partition: string, account: string): string[] {
  const refs = new Set<string>();
  const add = (value: unknown, home: KeyHome | undefined) => {
    if (typeof value !== "string" || value === "" || !home) return;
    const ref = kmsKeyRef(value, home);
    if (!ref) return;
    const bare = !value.trim().startsWith("arn:");
    refs.add(bare && home.region === region && home.account === account ? value.trim() : canonicalRef(ref));
  };
  const here = { partition, region, account };
  const configs = [...(data.ListFunctions?.Functions ?? []), ...Object.values(data.ListVersionsByFunction).flatMap((v) => v.Versions)];
  for (const c of configs) add(c.KMSKeyArn, here);
  for (const [reads, home] of [[data.GetQueueAttributes, parseQueueArn], [data.GetTopicAttributes, parseTopicArn]] as const) {
    for (const [arn, response] of Object.entries(reads ?? {})) add((response.Attributes as Json | undefined)?.KmsMasterKeyId, home(arn));
  }
  for (const [stream, response] of Object.entries(data.DescribeStreamSummary ?? {})) {
    add((response.StreamDescriptionSummary as Json | undefined)?.KeyId, parseStreamArn(stream));
  }
  return [...refs].sort();
}

/** DescribeKey for each reference, then GetKeyPolicy and ListGrants once per key, each in the key's own region. */
export async function collectKmsKeys(
  kms: (region: string) => KMSClient,
  refs: readonly string[],
  region: string,
  partition: string,
  account: string,
  record: (e: SnapshotError) => void,
): Promise<KmsKeyReads> {
  const out: KmsKeyReads = { DescribeKey: {}, GetKeyPolicy: {}, ListGrants: {} };
  const fail = (operation: string, target: string, e: unknown) => record({ region, operation, target, code: errorCode(e), message: errorMessage(e) });
  const keys = new Set<string>();
  await Promise.all(
    refs.map(async (sent) => {
      const ref = kmsKeyRef(sent, { partition, region, account });
      if (!ref) return;
      try {
        const res = plain(await kms(ref.region).send(new DescribeKeyCommand({ KeyId: sent }))) as unknown as Json;
        const bad = malformed(DescribeKeySchema, res, "the answer");
        if (bad) throw bad;
        out.DescribeKey[sent] = res;
        const arn = (res.KeyMetadata as Json | undefined)?.Arn;
        if (typeof arn === "string") keys.add(arn);
      } catch (e: unknown) {
        fail("DescribeKey", sent, e);
        // A key ARN needs no resolving: its policy may still be readable (DescribeKey is a separate permission).
        if (ref.kind === "key") keys.add(ref.arn);
      }
    }),
  );
  await Promise.all(
    [...keys].sort().map(async (arn) => {
      const client = kms(arn.split(":")[3] || region);
      const policy = (async () => {
        try {
          const res = plain(await client.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" }))) as unknown as Json;
          const bad = malformed(KeyPolicySchema, res, "the answer");
          if (bad) throw bad;
          out.GetKeyPolicy[arn] = res;
        } catch (e: unknown) {
          fail("GetKeyPolicy", arn, e);
        }
      })();
      // Grants only add permissions: those on the pages read are kept, and the error recorded beside them leaves
      // the rest unknown (lib/analysis/kms-keys.ts), so a grant on an unread page never reads as absent.
      const { items: Grants, error } = await pagedItems(paginateListGrants({ client, pageSize: 100 }, { KeyId: arn }), (page) => plain(page.Grants ?? []) as unknown as Json[]);
      if (error !== undefined) fail("ListGrants", arn, error);
      if (error === undefined || Grants.length > 0) out.ListGrants[arn] = { Grants };
      await policy;
    }),
  );
  return out;
}
