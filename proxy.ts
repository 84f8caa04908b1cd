/**
 * Runs before every request (Next 16's proxy, formerly middleware): the central access check, so every page and
 * API route, including ones added later, refuses anonymous requests when sign-in is configured (pages redirect
 * to /signin, APIs answer 401 JSON), local mode answers loopback Hosts only, and state-changing requests sent by
 * another site's page are refused (CSRF), as are reads embedded in another site's page. It also sets the CSP with a per-request nonce, and asks the browser for
 * its window's size on the pages it lets through (lib/view/viewport-hints.ts). Route handlers repeat the check with
 * lib/auth/guard.ts (defence in depth).
 */
import { NextResponse, type NextRequest } from "next/server";
import { decideAccess, isCrossSiteRequest, LOCAL_ONLY_MESSAGE, REQUEST_PATH_HEADER, requestOrigin } from "@/lib/auth/access";
import { signInHref } from "@/lib/auth/callback-url";
import { signedInUser } from "@/lib/auth/identity";
import { readAuthSettings, unauthenticatedAllowed } from "@/lib/auth/settings";
import { contentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { viewportHintHeaders } from "@/lib/view/viewport-hints";
import { WINDOW_COOKIE } from "@/lib/view/window-size";

export async function proxy(request: NextRequest) {
  const settings = readAuthSettings();
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const response = await decide(request, settings, nonce, csp);
  // On every answer, refusals included (docs/deploy.md: "every response").
  response.headers.set("Content-Security-Policy", csp);
  if (settings.enabled) response.headers.set("Cache-Control", "private, no-store");
  return response;
}

async function decide(request: NextRequest, settings: ReturnType<typeof readAuthSettings>, nonce: string, csp: string): Promise<NextResponse> {
  if (isCrossSiteRequest(requestOrigin(request.method, (name) => request.headers.get(name)))) {
    return NextResponse.json({ error: "cross-site request refused" }, { status: 403 });
  }
  const { pathname, search } = request.nextUrl;
  const user = settings.enabled ? await signedInUser(request, settings) : null;
  const decision = decideAccess({
    pathname,
    authEnabled: settings.enabled,
    signedIn: !!user,
    host: request.headers.get("host"),
    allowUnauthenticated: unauthenticatedAllowed(),
  });

  let response: NextResponse;
  switch (decision.kind) {
    case "allow": {
      const requestHeaders = new Headers(request.headers);
      requestHeaders.set("x-nonce", nonce);
      requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
      requestHeaders.set("Content-Security-Policy", csp);
      response = NextResponse.next({ request: { headers: requestHeaders } });
      askForWindowSize(request, response);
      break;
    }
    case "unauthorized":
      response = NextResponse.json({ error: "sign-in required" }, { status: 401 });
      break;
    case "sign-in":
      // Relative callback only: the sign-in page refuses anything that is not a same-origin path.
      response = NextResponse.redirect(new URL(signInHref(`${pathname}${search}`), request.url), 307);
      break;
    case "local-only":
      response = new NextResponse(LOCAL_ONLY_MESSAGE, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      break;
  }
  return response;
}

function askForWindowSize(request: NextRequest, response: NextResponse): void {
  const hints = viewportHintHeaders({
    pathname: request.nextUrl.pathname,
    print: request.nextUrl.searchParams.get("print"),
    windowCookie: request.cookies.get(WINDOW_COOKIE)?.value,
  });
  response.headers.set("Accept-CH", hints.acceptCh);
  if (hints.criticalCh) response.headers.set("Critical-CH", hints.criticalCh);
}

export const config = {
  // Everything but build assets (hashed, public JavaScript and CSS with no account data).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
