/**
 * Kinesis's AWS JSON 1.1 protocol as the SDK (3.1143.0) speaks it: `POST /` with
 * `X-Amz-Target: Kinesis_20131202.<Operation>`, a JSON body naming the stream by `StreamARN` (or `StreamName` in the
 * signing region), timestamps as epoch seconds, and errors as a JSON body whose `__type` names the error. Only
 * DescribeStreamSummary is served; anything else is an UnsupportedOperation, so a scanner that starts sending
 * something new fails its tests instead of passing silently.
 */
import type { HttpAnswer } from "./lambda";
import type { JsonService } from "./json-service";

type Json = Record<string, unknown>;

const JSON_11 = "application/x-amz-json-1.1";

export function kinesisError(status: number, type: string, message: string): HttpAnswer {
  return { status, headers: { "content-type": JSON_11 }, body: JSON.stringify({ __type: type, message }) };
}

/** The stream a call names: its StreamARN, or its StreamName in the signing region and the scenario's account. */
function streamOf(input: Json, region: string | undefined, account: string, partition: string): string | undefined {
  if (typeof input.StreamARN === "string") return input.StreamARN;
  return typeof input.StreamName === "string" && region ? `arn:${partition}:kinesis:${region}:${account}:stream/${input.StreamName}` : undefined;
}

/** The stored answer on the wire: the snapshot keeps StreamCreationTimestamp as ISO text, JSON 1.1 sends epoch seconds. */
function wire(stored: Json): Json {
  const summary = stored.StreamDescriptionSummary as Json | undefined;
  const at = summary?.StreamCreationTimestamp;
  if (typeof at !== "string") return stored;
  return { ...stored, StreamDescriptionSummary: { ...summary, StreamCreationTimestamp: Date.parse(at) / 1000 } };
}

export function answerKinesis(operation: string, stream: string | undefined, streams: Map<string, Json>): HttpAnswer {
  if (operation !== "DescribeStreamSummary") return kinesisError(400, "UnsupportedOperation", `${operation} is not served here`);
  const stored = stream ? streams.get(stream) : undefined;
  if (!stored) {
    const [, , , , account, resource] = (stream ?? "").split(":");
    return kinesisError(400, "ResourceNotFoundException", `Stream ${resource?.replace(/^stream\//, "") ?? "?"} under account ${account ?? "?"} not found.`);
  }
  return { status: 200, headers: { "content-type": JSON_11 }, body: JSON.stringify(wire(stored)) };
}

export function kinesisService(streams: Map<string, Json>, account: string, partition: string): JsonService {
  const denied = (message: string) => kinesisError(400, "AccessDeniedException", message);
  return {
    iamPrefix: "kinesis",
    targetPrefix: "Kinesis_20131202",
    target: (input, region) => streamOf(input, region, account, partition),
    throttled: () => kinesisError(400, "LimitExceededException", "Rate exceeded for the account."),
    serverError: () => kinesisError(500, "InternalFailureException", "Internal service failure."),
    denied,
    error: (code, message) => (code.includes("AccessDenied") ? denied(message) : kinesisError(400, code, message)),
    answer: (operation, _input, target) => answerKinesis(operation, target, streams),
  };
}
