/**
 * How every JSON API route (POST /api/can, POST /api/scan) refuses a body not declared as JSON: 415, in the
 * `{ error }` shape of every refusal. A form or text/plain body is what a page on another site can send without a
 * preflight, and the route would otherwise parse it as if it were JSON.
 */
import { NextResponse } from "next/server";

export const NOT_JSON_ANSWER = "send the body as JSON, with Content-Type: application/json";

/** Whether `contentType` names JSON: the media type alone, its parameters (charset) aside, in any case (RFC 9110 §8.3.1). */
export function declaresJson(contentType: string | null): boolean {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase() === "application/json";
}

/** The 415 for `request`, or null when its body is declared JSON. */
export function unlessJsonBody(request: Request): NextResponse | null {
  if (declaresJson(request.headers.get("content-type"))) return null;
  return NextResponse.json({ error: NOT_JSON_ANSWER }, { status: 415, headers: { "Cache-Control": "no-store", "Accept-Post": "application/json" } });
}
