/**
 * What the endpoint needs to serve an AWS JSON-protocol service (SQS's JSON 1.0, Kinesis's and Organizations' JSON 1.1): `POST /` with
 * `X-Amz-Target: <prefix>.<Operation>` and a JSON body. Each service says how it names the resource a call is about
 * and how it words its errors; server.ts applies the same fault injection and recorded errors to all of them.
 */
import type { HttpAnswer } from "./lambda";

type Json = Record<string, unknown>;

export interface JsonService {
  /** The IAM service prefix, for AccessDenied messages ("sqs", "kinesis"). */
  iamPrefix: string;
  /** X-Amz-Target before the dot ("AmazonSQS", "Kinesis_20131202"). */
  targetPrefix: string;
  /** The ARN (or id) of the resource the call names, in the signing region. */
  target(input: Json, region: string | undefined, operation: string): string | undefined;
  throttled(): HttpAnswer;
  serverError(): HttpAnswer;
  denied(message: string): HttpAnswer;
  /** A recorded error replayed with its own code. */
  error(code: string, message: string): HttpAnswer;
  answer(operation: string, input: Json, target: string | undefined): HttpAnswer;
}

export function jsonOperation(service: JsonService, headers: Record<string, string | string[] | undefined>): string {
  const target = String(headers["x-amz-target"] ?? "");
  const prefix = `${service.targetPrefix}.`;
  return target.startsWith(prefix) ? target.slice(prefix.length) : "(none)";
}

export function parseJsonBody(body: string): Json {
  try {
    const v = JSON.parse(body) as unknown;
    return typeof v === "object" && v !== null ? (v as Json) : {};
  } catch {
    return {};
  }
}
