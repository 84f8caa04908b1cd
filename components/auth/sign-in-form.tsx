"use client";
/**
 * Provider buttons and the username/password form. Credentials go in a POST body through next-auth's client
 * (never in the URL); errors are shown as fixed text in a live region.
 */
import { signIn } from "next-auth/react";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { signInAnswerError, withFragment } from "@/lib/auth/callback-url";
import { droppedCookiesMessage, type SignInCookieHint } from "@/lib/auth/secure-cookies";

export interface ProviderButton {
  id: string;
  name: string;
}

const noSubscription = () => () => {};

const button =
  "w-full rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 aria-disabled:opacity-60";

export function SignInForm({
  providers,
  passwords,
  callbackUrl,
  initialError,
  cookieHint,
}: {
  providers: ProviderButton[];
  passwords: boolean;
  callbackUrl: string;
  initialError: string | null;
  cookieHint: SignInCookieHint;
}) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  // Only the browser knows whether it keeps Secure cookies on this page; the server's render assumes it does.
  const secureContext = useSyncExternalStore(noSubscription, () => window.isSecureContext, () => true);
  const dropped = droppedCookiesMessage(cookieHint, secureContext);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    // A shared link's fragment (`/graph?…#…`) rode the redirect here; the way back keeps it.
    const back = withFragment(callbackUrl, window.location.hash);
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl: back,
        redirect: false,
      });
      const failed = signInAnswerError(res, cookieHint, window.isSecureContext);
      if (!failed) {
        window.location.assign(back);
        return;
      }
      setError(failed);
    } catch {
      setError("Could not reach the server. Try again.");
    }
    setBusy(false);
  }

  return (
    <div className="mt-6 space-y-4">
      {dropped ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="signin-cookie-problem">
          {dropped}
        </p>
      ) : null}
      <p role="alert" aria-live="assertive" className={error ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" : "sr-only"} data-testid="signin-error">
        {error ?? ""}
      </p>
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          className={`${button} bg-slate-900 text-white hover:bg-slate-800 forced-colors:border`}
          onClick={() => void signIn(p.id, { callbackUrl: withFragment(callbackUrl, window.location.hash) })}
          data-testid={`signin-${p.id}`}
        >
          Continue with {p.name}
        </button>
      ))}
      {passwords ? (
        // method="post": submitted before the page's scripts run (they start after the first paint), the browser's
        // own submit must not put the password in the URL, history and logs, as a GET would.
        <form
          method="post"
          onSubmit={onSubmit}
          className="space-y-3"
          aria-label="Sign in with username and password"
          data-testid="signin-password-form"
        >
          {providers.length ? <p className="text-center text-xs text-slate-500">or</p> : null}
          <div>
            <label htmlFor="signin-username" className="block text-sm font-medium text-slate-700">
              Username
            </label>
            <input
              id="signin-username"
              name="username"
              autoComplete="username"
              required
              maxLength={128}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
            />
          </div>
          <div>
            <label htmlFor="signin-password" className="block text-sm font-medium text-slate-700">
              Password
            </label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={1024}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
            />
          </div>
          <button type="submit" aria-disabled={busy || undefined} className={`${button} bg-sky-700 text-white hover:bg-sky-800 forced-colors:border`}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      ) : null}
    </div>
  );
}
