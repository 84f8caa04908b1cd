/**
 * When a tab whose session ended asks the server again whether it is signed in (components/auth/use-session-recheck.ts):
 * on the user's return to it (focus, visibility), never on a timer of its own, so a tab left open asks nothing. The
 * user may have signed in again in another tab meanwhile; the notice and the failed requests then go without a reload.
 */

/** At most one check per this long, however often the tab is left and returned to. */
export const SESSION_RECHECK_MS = 5_000;

/**
 * A return this soon after a check is the same return (a tab coming back fires focus and visibilitychange together):
 * no check follows it.
 */
export const SAME_RETURN_MS = 1_000;

export type RecheckPlan = { kind: "now" } | { kind: "later"; inMs: number } | { kind: "skip" };

/**
 * What a return to the tab at `now` does, the last check having been sent at `lastCheckAt` (null: none yet). A return
 * within SESSION_RECHECK_MS of a check is not dropped but checked when that time is up: the user may have signed in
 * elsewhere between the two, and would otherwise find the notice still there until they left and came back again.
 */
export function recheckPlan(lastCheckAt: number | null, now: number): RecheckPlan {
  if (lastCheckAt === null) return { kind: "now" };
  const since = now - lastCheckAt;
  if (since >= SESSION_RECHECK_MS) return { kind: "now" };
  if (since < SAME_RETURN_MS) return { kind: "skip" };
  return { kind: "later", inMs: SESSION_RECHECK_MS - since };
}

/**
 * Whether next-auth's session endpoint (GET /api/auth/session) answered a session: `{ user, expires }` when signed in,
 * `{}` (or null, in older versions) when not.
 */
export function signedInAgain(answer: unknown): boolean {
  if (typeof answer !== "object" || answer === null) return false;
  const user = (answer as { user?: unknown }).user;
  return typeof user === "object" && user !== null;
}
