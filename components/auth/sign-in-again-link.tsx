"use client";
/**
 * "Sign in again", back to this page afterwards: shown once a request answered 401 because the session ended, by the
 * page's one notice (session-ended-notice.tsx) or the search dialog that covers it, so the way out is one click
 * rather than a reload and a lost view.
 * Rendered only after such a request, so always in the browser.
 */
import { signInHref } from "@/lib/auth/callback-url";

export function SignInAgainLink({ className = "font-medium underline" }: { className?: string }) {
  return (
    <a href={signInHref(`${window.location.pathname}${window.location.search}`)} className={className} data-testid="sign-in-again">
      Sign in again
    </a>
  );
}
