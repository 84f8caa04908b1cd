/**
 * Whether the session cookies carry `Secure`, which also names them (`__Secure-next-auth.session-token` or
 * `next-auth.session-token`): one rule for the cookie next-auth sets and the one the app reads, so a session set
 * under one name is never looked for under the other (nobody could stay signed in). It is next-auth's own rule,
 * which its package does not export: core/init.js `useSecureCookies ?? url.base.startsWith("https://")`, the URL
 * from utils/detect-origin.js (NEXTAUTH_URL; else, with VERCEL or AUTH_TRUST_HOST, the request's X-Forwarded-Proto
 * and Host; else http://localhost:3000) as utils/parse-url.js reads it (an address without a scheme is https).
 * next-auth's getToken guesses by another rule (NEXTAUTH_URL, else VERCEL, never AUTH_TRUST_HOST), so
 * identity.ts passes it this one. secure-cookies.test.ts runs next-auth's sign-in against it.
 */
import { isLoopbackHost } from "./access";
import type { AuthSettings, Env } from "./settings";

/**
 * What next-auth's route handler sees as X-Forwarded-Proto when the request has none: Next's server fills it in
 * from the socket (base-server.js, `x-forwarded-proto ??=`), which under `serve` is plain http. Requests read
 * before Next (lib/http/dashboard-server.ts) have it only if a client or proxy sent it.
 */
const UNFORWARDED_PROTO = "http";

/** Whether next-auth takes its URL from the request (X-Forwarded-Proto and Host) rather than from NEXTAUTH_URL. */
function trustsRequest(env: Env): boolean {
  return !env.NEXTAUTH_URL && !!(env.VERCEL ?? env.AUTH_TRUST_HOST);
}

/**
 * True when next-auth sets its cookies `Secure` for a request carrying `forwardedProto` (its X-Forwarded-Proto, as
 * sent) under this environment.
 */
export function cookiesSecure(env: Env, forwardedProto: string | null | undefined = null): boolean {
  if (trustsRequest(env)) return (forwardedProto ?? UNFORWARDED_PROTO) !== "http";
  if (!env.NEXTAUTH_URL) return false;
  try {
    return new URL(env.NEXTAUTH_URL.startsWith("http") ? env.NEXTAUTH_URL : `https://${env.NEXTAUTH_URL}`).protocol === "https:";
  } catch {
    return false; // next-auth fails the request on such a URL, and settings.ts refuses it
  }
}

/** The session cookie's name for `cookiesSecure`'s answer. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * What a server says at start (instrumentation.ts) when sign-in is on and the cookies will not be `Secure`, or null.
 * An http:// NEXTAUTH_URL on this machine (localhost, 127.x, [::1]) is an honest answer: users open the dashboard
 * there, over no network.
 */
export function insecureCookiesWarning(settings: Pick<AuthSettings, "enabled">, env: Env): string | null {
  if (!settings.enabled || cookiesSecure(env)) return null;
  // Auth.js v5 reads AUTH_URL; this next-auth (4) does not, and neither does cookiesSecure, or the two would differ.
  const ignored = env.AUTH_URL && !env.NEXTAUTH_URL ? "AUTH_URL is set but ignored: this next-auth reads NEXTAUTH_URL" : null;
  if (trustsRequest(env)) {
    const by = env.VERCEL !== undefined ? "VERCEL" : "AUTH_TRUST_HOST";
    return (
      `warning: sign-in cookies will be Secure only on requests whose X-Forwarded-Proto is https (${by} is set and ` +
      `NEXTAUTH_URL is not${ignored ? `; ${ignored}` : ""}): a proxy that does not send it leaves the session to go over plain http too. Set ` +
      "NEXTAUTH_URL to the https:// address users open, or have the TLS proxy send X-Forwarded-Proto (docs/deploy.md)."
    );
  }
  let host: string | null = null;
  try {
    host = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host : null;
  } catch {
    host = null;
  }
  if (env.NEXTAUTH_URL?.startsWith("http://") && isLoopbackHost(host)) return null;
  const now = env.NEXTAUTH_URL ? `is ${env.NEXTAUTH_URL}` : `is not set${ignored ? ` (${ignored})` : ""}`;
  return (
    `warning: sign-in cookies will not be Secure, because NEXTAUTH_URL ${now}: browsers would send the session over ` +
    "plain http too. Behind a TLS proxy set NEXTAUTH_URL to the https:// address users open; on this machine only, " +
    "to its http://127.0.0.1 address (docs/deploy.md)."
  );
}

/** NEXTAUTH_URL as a URL, when it parses. */
function nextAuthUrl(env: Env): URL | null {
  try {
    return env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL) : null;
  } catch {
    return null;
  }
}

/**
 * What a server says at start when sign-in is on and NEXTAUTH_URL is an https:// address on this server's own port
 * (PORT, set by `next start` and by serve before Next starts), or null. The server itself speaks plain http, so
 * nothing but this server can answer there over TLS: next-auth marks its cookies `Secure` and a browser that opens
 * the http:// address drops them, and sign-in fails with no error (the sign-in page comes back).
 */
export function secureCookiesOverHttpWarning(settings: Pick<AuthSettings, "enabled">, env: Env): string | null {
  const url = nextAuthUrl(env);
  if (!settings.enabled || !env.PORT || url?.protocol !== "https:" || (url.port || "443") !== env.PORT) return null;
  const local = isLoopbackHost(url.host);
  return (
    `warning: sign-in cookies will be Secure (NEXTAUTH_URL is ${env.NEXTAUTH_URL}), but this server answers port ` +
    `${env.PORT} over plain http${local ? "" : " (unless a TLS proxy on another machine answers that address)"}: a ` +
    "browser opening it at http:// drops the cookies and sign-in fails without an error. Set NEXTAUTH_URL to " +
    `${local ? `http://${url.host}` : "the http:// address users open"}, or put a TLS proxy in front and set NEXTAUTH_URL to its https:// address (docs/deploy.md).`
  );
}

/** What the sign-in page knows of its cookies: whether they are `Secure` for this request, and the https address. */
export interface SignInCookieHint {
  secure: boolean;
  /** NEXTAUTH_URL when it is an https:// address: where a browser keeps `Secure` cookies. */
  httpsAddress: string | null;
}

export function signInCookieHint(env: Env, forwardedProto: string | null | undefined): SignInCookieHint {
  const url = nextAuthUrl(env);
  return { secure: cookiesSecure(env, forwardedProto), httpsAddress: url?.protocol === "https:" ? url.origin : null };
}

/**
 * What the sign-in page says before anyone tries, when the browser will drop this server's cookies: they are `Secure`
 * and the page is not a secure context (http://, but for localhost, where browsers keep Secure cookies). Without it
 * next-auth refuses the sign-in for want of the CSRF cookie the browser dropped, and the sign-in page comes back with
 * no word why.
 */
export function droppedCookiesMessage(hint: SignInCookieHint, pageSecureContext: boolean): string | null {
  if (!hint.secure || pageSecureContext) return null;
  return (
    "Signing in cannot work on this page: this server marks its sign-in cookies Secure, and browsers keep those only " +
    `over https. Open ${hint.httpsAddress ?? "this dashboard's https:// address"} instead, or ask the person who runs it ` +
    "to set NEXTAUTH_URL to the http:// address you use."
  );
}

/**
 * What the sign-in form says when next-auth refused a sign-in because the browser did not send back its CSRF cookie
 * (it answers `?csrf=true`, which the form would otherwise read as success and loop back to this page).
 */
export function cookieNotReturnedMessage(hint: SignInCookieHint, pageSecureContext: boolean): string {
  return (
    droppedCookiesMessage(hint, pageSecureContext) ??
    "Sign-in could not complete: your browser did not send back the sign-in cookie. Allow cookies for this site and try again."
  );
}
