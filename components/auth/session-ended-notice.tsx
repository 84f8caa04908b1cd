"use client";
/**
 * The one place that says the session ended (session-ended.ts), for every request that was answered 401: the
 * components that asked show a plain hint where their answer would be, or nothing. Fixed to the window, above a
 * modal's backdrop, so it is seen whichever page or dialog is open. The link sits beside the alert rather than in it,
 * so that it leaving (a dialog takes it) and coming back are not said again. Signed in again in another tab, the notice
 * goes when the user returns here (use-session-recheck.ts), and a polite status beside the alert, not in it, says so.
 */
import { SignInAgainLink } from "./sign-in-again-link";
import { useSessionEnded, useSessionRestored, useSignInAgainInNotice } from "./session-ended";
import { useSessionRecheck } from "./use-session-recheck";

export function SessionEndedNotice() {
  const ended = useSessionEnded();
  const link = useSignInAgainInNotice();
  const restored = useSessionRestored() > 0 && !ended;
  useSessionRecheck(ended);
  return (
    <div
      className={
        ended
          ? "fixed bottom-3 left-1/2 z-[60] flex max-w-[calc(100%-1rem)] -translate-x-1/2 flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-red-950 px-3 py-2 text-sm text-red-50 shadow-lg"
          : undefined
      }
      data-testid="session-ended"
    >
      {/* Always in the document (empty, it takes no room), so the alert's text appearing is what is said. */}
      <p role="alert">{ended ? "Your session has ended: what is shown stays, but nothing new loads until you sign in again." : ""}</p>
      {ended && link ? <SignInAgainLink className="font-medium text-sky-200 underline" /> : null}
      {/* Emptied when the session ends again, so a second restore is said too. */}
      <p role="status" className="sr-only" data-testid="session-restored">
        {restored ? "Signed in again" : ""}
      </p>
    </div>
  );
}
