/**
 * The one access rule for every request, applied centrally by proxy.ts so routes added later are covered
 * without doing anything: deny by default, with a short explicit list of public paths. Pure (no Next imports),
 * so a unit test can run it against every route found under app/.
 */
import { emailAllowed, type AuthSettings } from "./settings";

/** The sign-in page and next-auth's own endpoints must be reachable before signing in. */
export const SIGN_IN_PATH = "/signin";
/**
 * The path and query of the page being rendered, set by proxy.ts on every request it lets through (replacing any
 * sent by the client): server components have no other way to know it, and requirePageUser needs it to send the
 * user back after signing in.
 */
export const REQUEST_PATH_HEADER = "x-lpg-request-path";
const PUBLIC_EXACT = new Set([SIGN_IN_PATH, "/icon.svg", "/favicon.ico", "/robots.txt"]);
const PUBLIC_PREFIXES = ["/api/auth/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/i;

export function isLoopbackHost(host: string | null): boolean {
  return !!host && LOOPBACK_HOST.test(host.trim());
}

/** A socket's remote address (Node's form, IPv4-mapped IPv6 included) is this machine's loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address));
}

/** What a local-mode dashboard answers a request through a Host that is not loopback. */
export const LOCAL_ONLY_MESSAGE =
  "This dashboard runs in local mode (no sign-in configured) and only answers on loopback (localhost, 127.0.0.1). " +
  "Configure a sign-in provider, or set LPG_ALLOW_UNAUTHENTICATED=1 if a proxy in front of it authenticates users.";

export type AccessDecision =
  | { kind: "allow" }
  /** API route without a session: 401 JSON. */
  | { kind: "unauthorized" }
  /** Page without a session: redirect to the sign-in page, coming back afterwards. */
  | { kind: "sign-in" }
  /** Local mode reached through a non-loopback Host (another machine, or DNS rebinding): 403. */
  | { kind: "local-only" };

export interface AccessInput {
  pathname: string;
  authEnabled: boolean;
  signedIn: boolean;
  /** Raw Host header. */
  host: string | null;
  allowUnauthenticated: boolean;
}

export function decideAccess(input: AccessInput): AccessDecision {
  if (!input.authEnabled) {
    return input.allowUnauthenticated || isLoopbackHost(input.host) ? { kind: "allow" } : { kind: "local-only" };
  }
  if (input.signedIn || isPublicPath(input.pathname)) return { kind: "allow" };
  return isApiPath(input.pathname) ? { kind: "unauthorized" } : { kind: "sign-in" };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  /** `Sec-Fetch-Site`, sent by every current browser. */
  secFetchSite: string | null;
  /** `Sec-Fetch-Mode` (`navigate` for a page the user opens, `no-cors` for an image, …). */
  secFetchMode?: string | null;
  /** `Sec-Fetch-Dest` (`document`, `image`, `object`, …). */
  secFetchDest?: string | null;
  /** `Origin`, sent by browsers with cross-origin and POST requests. */
  origin: string | null;
  host: string | null;
}

/**
 * A request a browser sent on behalf of another site's page, refused centrally for every route:
 * - a state-changing one (CSRF): any website can post a form or a no-cors fetch to the local dashboard on 127.0.0.1,
 *   and multipart uploads need no CORS preflight;
 * - a read that is not the user opening a link (an `<img>`, `<script>` or `fetch` embedded in another site's page;
 *   the resource isolation policy of Fetch Metadata): the user's browser would otherwise render a PNG report or
 *   analyse a snapshot for any page it visits, up to the rate limits, and time answers that leak what the account
 *   holds (a search that finds a function answers differently from one that does not). Links from other sites
 *   (a chat message, a wiki, the sign-in provider's redirect) are navigations and still open.
 * Requests without these headers (curl, the CLI, tests, browsers older than Fetch Metadata for reads) are not from
 * another site's page, or cannot be told apart.
 */
export function isCrossSiteRequest(req: RequestOrigin): boolean {
  const site = req.secFetchSite?.toLowerCase();
  if (SAFE_METHODS.has(req.method.toUpperCase())) {
    if (site !== "cross-site") return false;
    const dest = req.secFetchDest?.toLowerCase();
    return !(req.secFetchMode?.toLowerCase() === "navigate" && dest !== "object" && dest !== "embed");
  }
  // The browser's own verdict when it gives one: it holds behind a proxy that rewrites Host, where comparing Origin
  // with Host would refuse the dashboard's own requests. Origin is compared only for browsers that do not send it.
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  if (req.origin === null) return false;
  if (req.origin === "null") return true; // sandboxed frames, data: URLs
  try {
    return new URL(req.origin).host.toLowerCase() !== (req.host ?? "").trim().toLowerCase();
  } catch {
    return true;
  }
}

/** The Fetch Metadata and origin headers isCrossSiteRequest weighs, read with `header`. */
export function requestOrigin(method: string, header: (name: string) => string | null): RequestOrigin {
  return {
    method,
    secFetchSite: header("sec-fetch-site"),
    secFetchMode: header("sec-fetch-mode"),
    secFetchDest: header("sec-fetch-dest"),
    origin: header("origin"),
    host: header("host"),
  };
}

/**
 * How long a session lasts from signing in. next-auth's JWT cookie slides (GET /api/auth/session re-issues it with
 * a fresh expiry), so the sign-in time in the token is what ends it: a copied cookie cannot be kept alive.
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

/** What the session token carries about who signed in (set in options.ts's jwt callback). */
export interface SessionIdentity {
  provider?: unknown;
  email?: unknown;
  name?: unknown;
  /** Password sessions: the stamp of the hash they signed in against (password.ts, credentialStamp). */
  credential?: unknown;
  /** When the user signed in, in seconds since the epoch; kept unchanged when next-auth re-issues the cookie. */
  signedInAt?: unknown;
}

/** Another server's clock, behind a load balancer, may run a little ahead of this one's. */
const CLOCK_SKEW_SECONDS = 60;

/** Signed in less than SESSION_MAX_AGE_SECONDS ago; a token without the time predates the check and must sign in again. */
function sessionCurrent(signedInAt: unknown, nowSeconds: number): boolean {
  return typeof signedInAt === "number" && signedInAt <= nowSeconds + CLOCK_SKEW_SECONDS && nowSeconds - signedInAt < SESSION_MAX_AGE_SECONDS;
}

/**
 * Re-checked on every request so editing the allowlist or the users file revokes existing sessions at once,
 * instead of when the session cookie expires: a password session also ends when the user's password changes.
 * `credentialOf` gives the stamp of a user's current hash, undefined for a user no longer in the file.
 */
export function identityStillAllowed(
  id: SessionIdentity,
  settings: Pick<AuthSettings, "providers" | "allowedEmails" | "allowedDomains">,
  credentialOf: (username: string) => string | undefined,
  nowSeconds: number = Date.now() / 1000,
): boolean {
  if (!sessionCurrent(id.signedInAt, nowSeconds)) return false;
  const provider = typeof id.provider === "string" ? id.provider : "";
  if (!settings.providers.includes(provider as AuthSettings["providers"][number])) return false;
  if (provider === "credentials") {
    if (typeof id.name !== "string" || typeof id.credential !== "string") return false;
    const current = credentialOf(id.name);
    return current !== undefined && current === id.credential;
  }
  return typeof id.email === "string" && emailAllowed(id.email, settings);
}
