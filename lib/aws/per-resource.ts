/**
 * One read per resource the region's functions use (a queue's attributes, a stream's summary), each in the
 * resource's own region. The answer is stored as the API returns it, keyed by the resource ARN; a failure (denied,
 * gone, another account's resource that is not shared) becomes an error with that ARN as target, so analysis calls
 * that one resource unknown instead of taking its absence as "nothing to need".
 */
import type { z } from "zod";
import type { SnapshotError } from "@/lib/snapshot/schema";
import { errorCode, errorMessage } from "./errors";
import { malformed } from "./items";
import { plain, sortedKeys } from "./plain";

type Json = Record<string, unknown>;

export async function collectPerResource(
  operation: string,
  arns: readonly string[],
  /** The region the errors name; undefined for a global service's (IAM's, as GetAccountAuthorizationDetails'). */
  region: string | undefined,
  record: (e: SnapshotError) => void,
  /** The answer's snapshot schema: one that does not fit is recorded as a MalformedResponse, not stored. */
  schema: z.ZodType,
  /** The call for one ARN; undefined for an ARN the API cannot be asked about (not called, not recorded). */
  call: (arn: string) => Promise<object> | undefined,
  /**
   * The answer to store for an error that means "there is none" (EFS's PolicyNotFound: the file system has no policy
   * of its own), or undefined for an error to record.
   */
  none?: (e: unknown, arn: string) => Json | undefined,
): Promise<Record<string, Json>> {
  const out: Record<string, Json> = {};
  await Promise.all(
    arns.map(async (arn) => {
      try {
        const pending = call(arn);
        if (!pending) return;
        const answer = plain(await pending) as Json;
        const bad = malformed(schema, answer, "the answer");
        if (bad) throw bad;
        out[arn] = answer;
      } catch (e: unknown) {
        const absent = none?.(e, arn);
        if (absent) out[arn] = absent;
        else record(failure(operation, arn, e, region));
      }
    }),
  );
  return out;
}

/** The error to record of a call about one resource. */
export function failure(operation: string, target: string, e: unknown, region?: string): SnapshotError {
  return { ...(region ? { region } : {}), operation, target, code: errorCode(e), message: errorMessage(e) };
}

/** Written only when a resource was read: a region whose functions use no queue, stream or key keeps the shape it always had. */
export function resourceReads<K extends string, V = Json>(operation: K, map: Record<string, V> | undefined): Partial<Record<K, Record<string, V>>> {
  return map && Object.keys(map).length > 0 ? ({ [operation]: sortedKeys(map) } as Record<K, Record<string, V>>) : {};
}
