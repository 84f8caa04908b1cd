/**
 * What the upload zone makes of POST /api/snapshots's answer: the stored snapshot, or the reason as text, with the
 * problems list after the error (answerErrorText) should the server send one, as every other dashboard request shows.
 */
import { answerErrorText } from "@/lib/http/answer-error";
import type { SetAsideSummary } from "@/lib/snapshot/set-aside";

/** `scan`: the account and capture time the stored snapshot says, for the confirmation; absent if the answer lacks them. */
export type UploadAnswer =
  | { kind: "error"; message: string }
  | { kind: "stored"; id: string; duplicate: boolean; scan?: { account: string; capturedAt: string }; setAside?: SetAsideSummary };

export function uploadAnswer(status: number, body: unknown): UploadAnswer {
  const json = (body ?? {}) as { snapshot?: { id?: unknown; account?: unknown; capturedAt?: unknown }; duplicate?: boolean; setAside?: SetAsideSummary };
  const ok = status >= 200 && status < 300;
  if (!ok || typeof json.snapshot?.id !== "string") return { kind: "error", message: answerErrorText(status, body, `the upload failed (HTTP ${status})`) };
  const { account, capturedAt } = json.snapshot;
  const scan = typeof account === "string" && typeof capturedAt === "string" ? { account, capturedAt } : undefined;
  return { kind: "stored", id: json.snapshot.id, duplicate: !!json.duplicate, scan, setAside: json.setAside };
}
