/**
 * SQS's AWS JSON 1.0 protocol as the SDK (3.1164.0) speaks it: `POST /` with `X-Amz-Target: AmazonSQS.<Operation>`,
 * a JSON body naming the queue by `QueueUrl`, and errors as a JSON body with `__type` plus the
 * `x-amzn-query-error: <Code>;<Sender|Receiver>` header SQS keeps for its query-compatible error codes (the SDK
 * names the error after that code). Only GetQueueAttributes is served; anything else is an UnsupportedOperation,
 * so a scanner that starts sending something new fails its tests instead of passing silently.
 */
import type { HttpAnswer } from "./lambda";
import type { JsonService } from "./json-service";

type Json = Record<string, unknown>;

const JSON_10 = "application/x-amz-json-1.0";

export function sqsError(status: number, shape: string, queryCode: string, message: string): HttpAnswer {
  return {
    status,
    headers: { "content-type": JSON_10, "x-amzn-query-error": `${queryCode};${status >= 500 ? "Receiver" : "Sender"}` },
    body: JSON.stringify({ __type: shape.includes("#") ? shape : `com.amazonaws.sqs#${shape}`, message }),
  };
}

export const sqsThrottled = (): HttpAnswer => sqsError(400, "RequestThrottled", "RequestThrottled", "Rate exceeded");
export const sqsServerError = (): HttpAnswer => sqsError(500, "InternalError", "InternalError", "We encountered an internal error. Please try again.");
export const sqsDenied = (message: string): HttpAnswer => sqsError(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied", message);

/** The queue ARN a queue URL (https://sqs.R.amazonaws.com/A/name, or any host) stands for in `region`. */
export function queueArnOfUrl(url: unknown, region: string | undefined, partition: string): string | undefined {
  if (typeof url !== "string" || !region) return undefined;
  try {
    const [account, name] = new URL(url).pathname.split("/").filter(Boolean);
    return account && name ? `arn:${partition}:sqs:${region}:${account}:${name}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GetQueueAttributes from the scenario's stored responses: only the asked names ("All" for every one), as SQS
 * answers; a name the queue lacks (Policy on a queue without one) is left out, not sent empty.
 */
export function answerSqs(operation: string, input: Json, queueArn: string | undefined, queues: Map<string, Json>): HttpAnswer {
  if (operation !== "GetQueueAttributes") return sqsError(400, "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", `${operation} is not served here`);
  const stored = queueArn ? queues.get(queueArn) : undefined;
  if (!stored) return sqsError(400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
  const all = (stored.Attributes ?? {}) as Record<string, string>;
  const names = Array.isArray(input.AttributeNames) ? input.AttributeNames.map(String) : [];
  const wanted = names.includes("All") ? Object.keys(all) : names;
  const Attributes = Object.fromEntries(wanted.filter((n) => n in all).map((n) => [n, all[n]]));
  return { status: 200, headers: { "content-type": JSON_10 }, body: JSON.stringify(Object.keys(Attributes).length ? { Attributes } : {}) };
}

export function sqsService(queues: Map<string, Json>, partition: string): JsonService {
  return {
    iamPrefix: "sqs",
    targetPrefix: "AmazonSQS",
    target: (input, region) => queueArnOfUrl(input.QueueUrl, region, partition),
    throttled: sqsThrottled,
    serverError: sqsServerError,
    denied: sqsDenied,
    error: (code, message) => (code.includes("AccessDenied") ? sqsDenied(message) : sqsError(400, code, code, message)),
    answer: (operation, input, target) => answerSqs(operation, input, target, queues),
  };
}
