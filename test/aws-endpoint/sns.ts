/**
 * SNS GetTopicAttributes over the AWS Query protocol, as the SNS API reference documents it: a form POST
 * (`Action=GetTopicAttributes&TopicArn=…`), answered in XML with the attributes as a map of `<entry><key/><value/>`
 * under `<GetTopicAttributesResult><Attributes>`; errors in the Query shape, `NotFound` (404) for a topic that does
 * not exist, `AuthorizationError` (403) for a refused call, `Throttled` (429) and `InternalError` (500) as faults.
 * SNS answers every attribute the topic has: there is no way to ask for some; a fixture topic's stored attributes
 * are all answered (its KmsMasterKeyId when it has one, none for an unencrypted topic, as SNS leaves it out), but not
 * the scan's own KeptAttributes list, which SNS never sends. Anything else is an InvalidAction, so
 * a scanner that starts sending something new fails its tests instead of passing silently.
 */
import type { HttpAnswer } from "./lambda";
import { queryError, queryResponse } from "./xml";

type Json = Record<string, unknown>;

export interface SnsRequest {
  operation: string;
  target?: string;
  /** The answer once no fault is injected and no error is recorded for the target. */
  answer(requestId: string): HttpAnswer;
}

const xml = (status: number, body: string): HttpAnswer => ({ status, headers: { "content-type": "text/xml" }, body });

/** The HTTP status SNS's API reference gives each error code; any other is a 400. */
const STATUS: Record<string, number> = { NotFound: 404, AuthorizationError: 403, Throttled: 429, InternalError: 500 };

export function snsError(code: string, message: string, requestId: string): HttpAnswer {
  const status = STATUS[code] ?? 400;
  return xml(status, queryError("sns", code, message, requestId, status >= 500 ? "Receiver" : "Sender"));
}

/** The request's operation and topic, and the answer from the scenario's stored GetTopicAttributes responses. */
export function routeSns(body: string, topics: Map<string, Json>): SnsRequest {
  const form = new URLSearchParams(body);
  const operation = form.get("Action") ?? "(none)";
  const target = form.get("TopicArn") ?? undefined;
  return {
    operation,
    ...(target ? { target } : {}),
    answer(rid) {
      if (operation !== "GetTopicAttributes") return snsError("InvalidAction", `Could not find operation ${operation}`, rid);
      const stored = target ? topics.get(target) : undefined;
      if (!stored) return snsError("NotFound", "Topic does not exist", rid);
      const attributes = Object.entries({ TopicArn: target, ...((stored.Attributes ?? {}) as Json) }).map(([key, value]) => ({ key, value: String(value) }));
      return xml(200, queryResponse("sns", operation, { Attributes: attributes }, rid, "entry"));
    },
  };
}
