/**
 * Whether the session cookies carry `Secure`. next-auth decides it from NEXTAUTH_URL alone (core/init.js:
 * `useSecureCookies ?? url.base.startsWith("https://")`, its base falling back to http://localhost:3000, and
 * getToken reads the cookie by the same rule), never from the request: behind a TLS-terminating proxy the app sees
 * plain http, so without an https:// NEXTAUTH_URL the cookies go out without `Secure` and a browser would send them
 * over plain http too (a mistyped http:// link, a downgrade on a hostile network).
 */
import { isLoopbackHost } from "./access";
import type { AuthSettings, Env } from "./settings";

/** True when next-auth sets its cookies `Secure` under this environment. */
export function cookiesSecure(env: Env): boolean {
  return !!env.NEXTAUTH_URL?.startsWith("https://");
}

/**
 * What `serve` says at start when sign-in is on and the cookies will not be `Secure`, or null. An http:// NEXTAUTH_URL
 * on this machine (localhost, 127.x, [::1]) is an honest answer: users open the dashboard there, over no network.
 */
export function insecureCookiesWarning(settings: Pick<AuthSettings, "enabled">, env: Env): string | null {
  if (!settings.enabled || cookiesSecure(env)) return null;
  let host: string | null = null;
  try {
    host = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host : null;
  } catch {
    host = null;
  }
  if (env.NEXTAUTH_URL?.startsWith("http://") && isLoopbackHost(host)) return null;
  const now = env.NEXTAUTH_URL ? `is ${env.NEXTAUTH_URL}` : "is not set";
  return (
    `warning: sign-in cookies will not be Secure, because NEXTAUTH_URL ${now}: browsers would send the session over ` +
    "plain http too. Behind a TLS proxy set NEXTAUTH_URL to the https:// address users open; on this machine only, " +
    "to its http://127.0.0.1 address (docs/deploy.md)."
  );
}
