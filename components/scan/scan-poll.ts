/**
 * What one answer of GET /api/scan means for the scan the button follows. Pure, so the rules that end the
 * "Scanning…" state are tested without a browser:
 *  - the same job: show its progress or outcome;
 *  - another job: ours is over (a newer one was started, e.g. after a server restart); follow the new one;
 *  - no job: the server has no record of ours (it restarted), so it will never finish: stop;
 *  - 401/403: the session ended (or this host is refused); asking again twice a second cannot help: stop;
 *  - anything else (a network blip, a 5xx): say so and keep polling.
 */
import type { ScanJobState } from "@/lib/scan/scan-job";
import { answerErrorText } from "@/lib/http/answer-error";

export type PollOutcome =
  | { kind: "job"; job: ScanJobState }
  | { kind: "lost"; message: string }
  | { kind: "signed-out"; message: string }
  | { kind: "refused"; message: string }
  | { kind: "retry"; message: string };

export const LOST_SCAN_MESSAGE =
  "The server has no record of this scan any more (it probably restarted), so it will not finish. Check Snapshots, or scan again.";
export const SIGNED_OUT_MESSAGE = "Your session has ended, so the scan's progress cannot be shown.";

export function interpretPoll(status: number, body: unknown): PollOutcome {
  if (status === 401) return { kind: "signed-out", message: SIGNED_OUT_MESSAGE };
  if (status === 403) return { kind: "refused", message: answerErrorText(status, body) };
  if (status < 200 || status >= 300) return { kind: "retry", message: answerErrorText(status, body) };
  const job = (body as { job?: ScanJobState | null } | null)?.job ?? null;
  if (!job) return { kind: "lost", message: LOST_SCAN_MESSAGE };
  return { kind: "job", job };
}
