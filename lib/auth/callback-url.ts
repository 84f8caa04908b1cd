import { cookieNotReturnedMessage, type SignInCookieHint } from "./secure-cookies";
import { SIGN_IN_PATH } from "./access";

/**
 * Where to go after signing in: same-origin paths only, so a crafted link cannot send users elsewhere. Printable
 * ASCII only, the rest percent-encoded as a browser would send it: the result goes into a Location header, where
 * Node refuses any character beyond Latin-1 or DEL (a crafted link got a 500).
 */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const v = v0(value);
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || /[\u0000-\u001f\u007f]/.test(v)) return "/";
  if (v === "/signin" || v.startsWith("/signin?") || v.startsWith("/api/")) return "/";
  try {
    return v.replace(/[^\x21-\x7e]+/g, encodeURIComponent);
  } catch {
    return "/"; // a lone surrogate: no address at all
  }
}

function v0(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The sign-in page, returning to `path` afterwards (kept only if safeCallbackPath accepts it). */
export function signInHref(path: string): string {
  return `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(safeCallbackPath(path))}`;
}

/**
 * A callback as next-auth hands it back: a path, or an absolute URL on this server (next-auth resolves paths
 * against its base URL, and its error redirects pass that on). An absolute URL counts only when its host is one
 * of `ownHosts`; either way the result is a path that safeCallbackPath accepts, or null.
 */
export function callbackPathOf(value: string | undefined, ownHosts: readonly (string | null | undefined)[]): string | null {
  if (!value) return null;
  if (value.startsWith("/")) {
    const path = safeCallbackPath(value);
    return path === "/" && value !== "/" ? null : path;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !ownHosts.some((h) => h && h.toLowerCase() === url.host.toLowerCase())) return null;
  return callbackPathOf(`${url.pathname}${url.search}${url.hash}`, []);
}

/**
 * Where the sign-in page sends the user afterwards. The `callbackUrl` parameter first; without one (next-auth's
 * error redirect, e.g. `/signin?error=AccessDenied` after a refused OAuth sign-in, drops it) the callback next-auth
 * kept in its `callback-url` cookie when the sign-in started, so a shared link survives a failed attempt.
 */
export function signInCallbackPath(input: { param: string | string[] | undefined; cookie: string | undefined; ownHosts: readonly (string | null | undefined)[] }): string {
  return callbackPathOf(v0(input.param), input.ownHosts) ?? callbackPathOf(input.cookie, input.ownHosts) ?? "/";
}

/**
 * `callbackUrl` with the sign-in page's own fragment (`location.hash`). A browser never sends the fragment, so the
 * server's redirect to sign in cannot put it in `callbackUrl`; it keeps it on the sign-in page's address instead, and
 * only there can the way back take it along. A callback with a fragment of its own keeps that one.
 */
export function withFragment(callbackUrl: string, hash: string): string {
  return hash.length > 1 && !callbackUrl.includes("#") ? `${callbackUrl}${hash.startsWith("#") ? "" : "#"}${hash}` : callbackUrl;
}

/** next-auth's callback URL cookie (`__Secure-` prefixed on HTTPS). */
export const CALLBACK_COOKIE_NAMES = ["__Secure-next-auth.callback-url", "next-auth.callback-url"] as const;

/** next-auth's error codes as fixed text: the query parameter itself is never shown. */
export function signInErrorMessage(code: string | string[] | undefined): string | null {
  const c = Array.isArray(code) ? code[0] : code;
  if (!c) return null;
  switch (c) {
    case "CredentialsSignin":
      return "Wrong username or password.";
    case "AccessDenied":
      return "This account is not allowed to use this dashboard (it is not on the allowlist, or its email is not verified).";
    case "SessionRequired":
      return "Please sign in to continue.";
    default:
      return "Sign-in failed. Try again, or ask the person who runs this dashboard.";
  }
}

/** What next-auth's client answers a password sign-in made with `redirect: false`. */
export interface SignInAnswer {
  ok: boolean;
  error?: string | null;
  url?: string | null;
}

/**
 * What the sign-in form says of next-auth's answer to a password sign-in, or null when the user is signed in.
 * next-auth answers a sign-in whose CSRF cookie the browser did not send back (dropped as `Secure` over http, or
 * cookies blocked) with ok and a URL carrying `csrf=true`: read as success, the form went on to the page asked for,
 * which sent it back to sign in, again and again with no word why.
 */
export function signInAnswerError(answer: SignInAnswer | undefined, hint: SignInCookieHint, pageSecureContext: boolean): string | null {
  if (answer?.url && new URL(answer.url, "http://localhost").searchParams.get("csrf") === "true") {
    return cookieNotReturnedMessage(hint, pageSecureContext);
  }
  if (answer?.ok && !answer.error) return null;
  return answer?.error && answer.error !== "CredentialsSignin" ? answer.error : "Wrong username or password.";
}
