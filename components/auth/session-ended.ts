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

/** Said by whatever got the first 401; later ones change nothing, so the notice is not said again. */
export function sessionEnded(): void {
  if (ended) return;
  ended = true;
  emit();
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
  return useSyncExternalStore(subscribe, () => ended, () => false);
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
