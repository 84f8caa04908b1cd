/**
 * Budgets for password sign-in attempts that are checked before next-auth runs (app/api/auth/[...nextauth]), so a
 * refused attempt costs no password hash and gets a plain 429 with Retry-After:
 *   - per client address (lib/http/client-address.ts): one client guessing, or flooding, spends only its own budget;
 *   - per server, a high backstop against guessing spread over many addresses, which also bounds the hashing work.
 * The per-username budget needs the submitted name, so it stays in the password provider (options.ts).
 */
import { createRateLimiter, rateLimit, tooManyRequests } from "@/lib/rate-limit";
import { clientBudgetKey, requestClientAddress } from "@/lib/http/client-address";
import { SIGN_IN_PATH } from "./access";
import type { Env } from "./settings";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** A shared office address's worth of typos (sessions last 12 hours), far below a useful guessing rate. */
export const SIGN_IN_ATTEMPTS_PER_CLIENT = 30;
/** Many clients' worth: reached only by guessing from many addresses at once. */
export const SIGN_IN_ATTEMPTS_PER_SERVER = 1000;

/**
 * Client buckets apart from the shared limiter: a flood from many addresses (an IPv6 range holds millions of /64s)
 * can only push out other client buckets, never the per-user and per-server ones that bound guessing.
 */
const clients = createRateLimiter();

/**
 * Where next-auth checks a password: POST /api/auth/callback/credentials. Judged on the catch-all segments as
 * next-auth reads them (action, then provider; Next has percent-decoded them, and later ones are ignored), not on
 * the URL's spelling: `/api/auth/callback/%63redentials` or `…/credentials/x` reach the same password check.
 */
export function isPasswordAttempt(method: string, nextauth: readonly string[] | undefined): boolean {
  return method === "POST" && isCredentialsCallback(nextauth);
}

/** The username/password form's target, which next-auth answers only for POST (any other method throws: a 500). */
export function isCredentialsCallback(nextauth: readonly string[] | undefined): boolean {
  return nextauth?.[0] === "callback" && nextauth[1] === "credentials";
}

/** A 429 to send instead of letting the attempt through, or null. */
export function signInThrottle(request: Request, env: Env = process.env): Response | null {
  const address = requestClientAddress(request.headers, env);
  // Unknown only when no server vouches for the socket address and no proxy is trusted (`next start`): the
  // per-username and per-server budgets still apply (docs/deploy.md).
  if (address !== null) {
    const client = clients.rateLimit(clientBudgetKey(address), { limit: SIGN_IN_ATTEMPTS_PER_CLIENT, windowMs: SIGN_IN_WINDOW_MS });
    if (!client.ok) return refusal(request, client, "Too many sign-in attempts from your network address");
  }
  const server = rateLimit("signin-server", { limit: SIGN_IN_ATTEMPTS_PER_SERVER, windowMs: SIGN_IN_WINDOW_MS });
  if (!server.ok) return refusal(request, server, "Too many sign-in attempts on this server");
  return null;
}

function refusal(request: Request, result: Parameters<typeof tooManyRequests>[0], reason: string): Response {
  return tooManyRequests(result, (seconds) => {
    const error = `${reason}; try again in ${seconds} s.`;
    // next-auth's own JSON answer is {url}, and its client reads the error from that URL's query: without it,
    // the sign-in form could only say the server was unreachable.
    const url = new URL(SIGN_IN_PATH, request.url);
    url.searchParams.set("error", error);
    return { error, url: url.href };
  });
}
