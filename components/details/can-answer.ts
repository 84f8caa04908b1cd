/**
 * What the "can it?" box makes of POST /api/can's answer: the answer, or the reason as text, with the problems list
 * after the error (answerErrorText) should the server send one, as every other dashboard request shows.
 */
import { answerErrorText } from "@/lib/http/answer-error";
import type { Answer } from "@/lib/analysis/what-if";

/** `signedOut`: a 401, the session's end, which the page's one notice says (components/auth/session-ended.ts). */
export function canAnswer(status: number, body: unknown): { kind: "error"; message: string; signedOut?: true } | { kind: "answer"; answer: Answer } {
  if (status === 401) return { kind: "error", message: answerErrorText(status, body), signedOut: true };
  const ok = status >= 200 && status < 300;
  if (!ok || !(body as Partial<Answer> | null)?.decision) return { kind: "error", message: answerErrorText(status, body) };
  return { kind: "answer", answer: body as Answer };
}
