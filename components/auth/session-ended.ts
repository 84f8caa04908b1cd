"use client";
/**
 * Whether a request of this tab was answered 401: the session ended. Shared by every component that asks the server,
 * so that the end is said once, by one notice with one "Sign in again" (session-ended-notice.tsx), however many
 * requests were in flight: each said it in its own alert with its own link, and a screen reader said it as many times.
 * Per tab (module state). "Sign in again" loads the page anew, which starts it over; signing in in another tab is
 * noticed when the user comes back to this one (use-session-recheck.ts), which ends it here too.
 */
import { useEffect, useSyncExternalStore } from "react";

let ended = false;
/** How many times an ended session was found signed in again: each is a change the failed requests retry on. */
let restored = 0;
/** Mounted components that show the "Sign in again" link in the notice's place (a modal dialog covering it). */
let linkHosts = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Which session a request is sent under: read it as the request goes, and give it to sessionEnded with its 401. Each
 * restore starts a new one.
 */
export function sessionEpoch(): number {
  return restored;
}

/**
 * Said by whatever got a 401, with the sessionEpoch() its request was sent under. The first raises the notice; later
 * ones change nothing, so it is not said again. A 401 to a request sent before the session was restored answers the
 * session that ended, not the valid one: it changes nothing, and false tells the caller to treat the request as the
 * restore does (ask again, or wait for the user), where it brought the notice back over a valid session.
 */
export function sessionEnded(sentUnder: number): boolean {
  if (sentUnder !== restored) return false;
  if (!ended) {
    ended = true;
    emit();
  }
  return true;
}

/** Whether a request of this tab was answered 401 since the session was last restored: the notice is up. */
export function sessionEndedNow(): boolean {
  return ended;
}

/**
 * The session is valid again (signed in in another tab): the notice goes, and what failed for the 401 asks again.
 * A later 401 raises the notice anew.
 */
export function sessionRestored(): void {
  if (!ended) return;
  ended = false;
  restored += 1;
  emit();
}

/** How many times this tab's session was restored (0: never): a dependency for requests to retry on. */
export function useSessionRestored(): number {
  return useSyncExternalStore(subscribe, () => restored, () => 0);
}

/** True once any request of this tab answered 401, until the session is restored. Never on the server: the notice is raised in the browser only. */
export function useSessionEnded(): boolean {
  return useSyncExternalStore(subscribe, sessionEndedNow, () => false);
}

/**
 * For a modal dialog, which keeps keyboard focus and covers the page: while it is mounted, the one "Sign in again"
 * link is its own (inside its Tab cycle) and the notice leaves its link out, so the page still has one.
 */
export function useSignInAgainHere(): void {
  useEffect(() => {
    linkHosts += 1;
    emit();
    return () => {
      linkHosts -= 1;
      emit();
    };
  }, []);
}

/** Whether the notice shows the link: no dialog has it. */
export function useSignInAgainInNotice(): boolean {
  return useSyncExternalStore(subscribe, () => linkHosts === 0, () => true);
}
