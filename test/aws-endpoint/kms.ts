/**
 * KMS's AWS JSON 1.1 protocol as the SDK (3.1164.0) speaks it: `POST /` with `X-Amz-Target: TrentService.<Operation>`,
 * a JSON body naming the key by `KeyId`, timestamps as epoch seconds, and errors as a JSON body whose `__type` names
 * the error. DescribeKey answers by the reference as sent (scenario.ts keys it so), GetKeyPolicy and ListGrants by key
 * ARN, ListGrants in pages of `Limit` (capped by the endpoint's page size) with `NextMarker`/`Truncated`. Anything
 * else is an UnsupportedOperationException, so a scanner that starts sending something new fails its tests.
 */
import type { HttpAnswer } from "./lambda";
import type { JsonService } from "./json-service";

type Json = Record<string, unknown>;

const JSON_11 = "application/x-amz-json-1.1";

export interface KmsScenario {
  /** Reference as the scan sends it → DescribeKey response. */
  describe: Map<string, Json>;
  /** Key ARN → GetKeyPolicy response. */
  policies: Map<string, Json>;
  /** Key ARN → every grant. */
  grants: Map<string, Json[]>;
}

export function kmsError(status: number, type: string, message: string): HttpAnswer {
  return { status, headers: { "content-type": JSON_11 }, body: JSON.stringify({ __type: type, message }) };
}

const notFound = (keyId: unknown) => kmsError(400, "NotFoundException", `Key '${String(keyId)}' does not exist`);

/** ISO timestamps of the stored answers as the wire carries them: epoch seconds. */
function epoch(value: unknown): unknown {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? Date.parse(value) / 1000 : value;
}

function withEpochs(o: Json, fields: readonly string[]): Json {
  const out = { ...o };
  for (const f of fields) if (f in out) out[f] = epoch(out[f]);
  return out;
}

const ok = (body: Json): HttpAnswer => ({ status: 200, headers: { "content-type": JSON_11 }, body: JSON.stringify(body) });

export function answerKms(operation: string, input: Json, kms: KmsScenario, pageSize: number | undefined): HttpAnswer {
  const keyId = input.KeyId;
  if (operation === "DescribeKey") {
    const stored = typeof keyId === "string" ? kms.describe.get(keyId) : undefined;
    if (!stored) return notFound(keyId);
    const meta = (stored.KeyMetadata ?? {}) as Json;
    return ok({ ...stored, KeyMetadata: withEpochs(meta, ["CreationDate", "DeletionDate", "ValidTo"]) });
  }
  if (operation === "GetKeyPolicy") {
    const stored = typeof keyId === "string" ? kms.policies.get(keyId) : undefined;
    return stored ? ok(stored) : notFound(keyId);
  }
  if (operation === "ListGrants") {
    const all = typeof keyId === "string" ? kms.grants.get(keyId) : undefined;
    if (!all) return notFound(keyId);
    const start = typeof input.Marker === "string" ? Number.parseInt(input.Marker, 10) : 0;
    const size = Math.max(1, Math.min(Number(input.Limit ?? 50), 100, pageSize ?? Infinity));
    const page = all.slice(start, start + size).map((g) => withEpochs(g, ["CreationDate"]));
    const truncated = start + size < all.length;
    return ok({ Grants: page, Truncated: truncated, ...(truncated ? { NextMarker: String(start + size) } : {}) });
  }
  return kmsError(400, "UnsupportedOperationException", `${operation} is not served here`);
}

export function kmsService(kms: KmsScenario, pageSize: number | undefined): JsonService {
  const denied = (message: string) => kmsError(400, "AccessDeniedException", message);
  return {
    iamPrefix: "kms",
    targetPrefix: "TrentService",
    target: (input) => (typeof input.KeyId === "string" ? input.KeyId : undefined),
    throttled: () => kmsError(400, "ThrottlingException", "Rate exceeded"),
    serverError: () => kmsError(500, "KMSInternalException", "An internal error has occurred."),
    denied,
    error: (code, message) => (code.includes("AccessDenied") ? denied(message) : kmsError(400, code, message)),
    answer: (operation, input) => answerKms(operation, input, kms, pageSize),
  };
}
