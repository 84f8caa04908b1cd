/**
 * Server-side checks for route handlers and pages: defence in depth behind proxy.ts, which already refuses
 * anonymous requests centrally. A route handler starts with
 *   const denied = await guardApi(request, { rateLimit: { name: "scan", limit: 5, windowMs: 60_000 } });
 *   if (denied) return denied;
 * and gets 401 (auth on, no session), 403 (local mode reached from another host) or 429 (rate limit).
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { rateLimit, tooManyRequests, type RateLimitOptions } from "@/lib/rate-limit";
import { decideAccess, LOCAL_ONLY_MESSAGE, REQUEST_PATH_HEADER } from "./access";
import { signInHref } from "./callback-url";
import { signedInUser, type SignedInUser } from "./identity";
import { readAuthSettings, unauthenticatedAllowed } from "./settings";

export { LOCAL_ONLY_MESSAGE };

export interface GuardOptions {
  /** Rate limit per signed-in user (or per server in local mode, where there is one user). */
  rateLimit?: RateLimitOptions & { name: string };
}

export async function guardApi(request: NextRequest, options: GuardOptions = {}): Promise<NextResponse | null> {
  const settings = readAuthSettings();
  const user = await signedInUser(request, settings);
  const decision = decideAccess({
    pathname: request.nextUrl.pathname,
    authEnabled: settings.enabled,
    signedIn: !!user,
    host: request.headers.get("host"),
    allowUnauthenticated: unauthenticatedAllowed(),
  });
  if (decision.kind === "unauthorized" || decision.kind === "sign-in") {
    return NextResponse.json({ error: "sign-in required" }, { status: 401 });
  }
  if (decision.kind === "local-only") return NextResponse.json({ error: LOCAL_ONLY_MESSAGE }, { status: 403 });
  if (options.rateLimit) {
    const { name, ...opts } = options.rateLimit;
    const result = rateLimit(`${name}:${user?.label ?? "local"}`, opts);
    if (!result.ok) return tooManyRequests(result);
  }
  return null;
}

/**
 * For server components: who signed in to the request being rendered (null when nobody has, or auth is off). The
 * layout, the page and the header's badge each ask; React's cache() lasts one request in Next, so the session
 * cookie is decoded (and checked against the sign-out records and the users file) once, and all three agree.
 */
export const requestUser = cache(async (): Promise<SignedInUser | null> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return signedInUser({ cookies: cookieStore, headers: headerList } as never, readAuthSettings());
});

/** For server components: the signed-in user, or a redirect to the sign-in page when auth is on. */
export async function requirePageUser(): Promise<{ authEnabled: boolean; user: string | null }> {
  if (!readAuthSettings().enabled) return { authEnabled: false, user: null };
  const user = await requestUser();
  // Back to the page asked for afterwards (proxy.ts passes its path on; validated by signInHref).
  if (!user) redirect(signInHref((await headers()).get(REQUEST_PATH_HEADER) ?? "/"));
  return { authEnabled: true, user: user.label };
}
