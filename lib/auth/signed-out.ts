/**
 * Sessions signed out on this server. A session is a JWT cookie with no server-side record: signing out clears it in
 * the browser, but a copy taken before (another browser profile, a proxy log, malware) would stay valid until its
 * 12 hours are up. Kept per process, for as long as the session would have lasted, and on globalThis: proxy.ts,
 * next-auth's route and lib/http/dashboard-server.ts are separate bundles with module state of their own.
 */
import { SESSION_MAX_AGE_SECONDS } from "./access";

/** One session: who signed in, with which provider, and when (options.ts's jwt callback stamps the time). */
function sessionKey(token: { provider?: unknown; sub?: unknown; signedInAt?: unknown }): string | null {
  if (typeof token.signedInAt !== "number" || typeof token.sub !== "string" || typeof token.provider !== "string") return null;
  return JSON.stringify([token.provider, token.sub, token.signedInAt]);
}

/** Key → when the session would have ended anyway (seconds since the epoch). */
const STORE = Symbol.for("lambda-permissions-graph.signed-out-sessions");
function store(): Map<string, number> {
  const g = globalThis as { [STORE]?: Map<string, number> };
  return (g[STORE] ??= new Map());
}

export function rememberSignOut(token: Parameters<typeof sessionKey>[0] | null | undefined, nowSeconds = Date.now() / 1000): void {
  const key = token ? sessionKey(token) : null;
  if (!key) return;
  const signedOut = store();
  for (const [k, endsAt] of signedOut) if (endsAt <= nowSeconds) signedOut.delete(k);
  signedOut.set(key, (token!.signedInAt as number) + SESSION_MAX_AGE_SECONDS);
}

export function isSignedOut(token: Parameters<typeof sessionKey>[0]): boolean {
  const key = sessionKey(token);
  return key !== null && store().has(key);
}
