/**
 * Refusals the dashboard server gives before Next.js reads a request's body. Next buffers every body that passes
 * proxy.ts (up to the upload limit, ~51 MB) before proxy.ts can refuse it, so an anonymous client could make the
 * server read and hold megabytes per request only to be told 401, and a body declared larger than the limit was read
 * to the limit first. Here the same access decision proxy.ts takes (lib/auth/access.ts) is taken on the headers
 * alone, for requests that carry a body; bodiless requests go on to proxy.ts, which answers them as before
 * (redirects to sign-in, CSP on every page). Methods Next.js does not handle (TRACE, CONNECT, …) are refused too:
 * Next answers them with a 500 and a stack trace in the log; so is the request target `*`, for the same reason, and a
 * path with a malformed percent-encoding, which Next answered with a bare 500. A method an API route does not answer,
 * and an API address with no route, are answered in JSON (api-routes.ts), once access is decided.
 */
import type { IncomingHttpHeaders } from "node:http";
import { decideAccess, isCrossSiteRequest, isPublicPath, LOCAL_ONLY_MESSAGE, requestOrigin } from "@/lib/auth/access";
import { apiRouteMethods } from "./api-routes";

/** The methods Next.js's request handler answers (anything else throws inside it). */
export const HANDLED_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;
const HANDLED = new Set<string>(HANDLED_METHODS);

export interface EarlyRequest {
  method: string;
  /** Path and query, as the request line gives it. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface EarlyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface EarlyContext {
  /** The largest body Next lets through proxy.ts (next.config.js), in bytes. */
  bodyLimit: number;
  authEnabled: boolean;
  allowUnauthenticated: boolean;
  /** Whether the request's session cookie (or bearer token) is a signed-in user's: asked only for requests with a body. */
  signedIn: () => Promise<boolean>;
}

/** The body a request announces: its Content-Length, "chunked" (length unknown), or none. */
export function announcedBody(headers: IncomingHttpHeaders): number | "chunked" | undefined {
  if (headers["transfer-encoding"] !== undefined) return "chunked";
  const raw = headers["content-length"];
  if (raw === undefined) return undefined;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  // A malformed length is Node's to refuse (it answers 400 before any handler); treat it as a body.
  if (!Number.isFinite(n)) return "chunked";
  return n === 0 ? undefined : n;
}

function json(status: number, error: string, extra: Record<string, string> = {}): EarlyAnswer {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...extra }, body: JSON.stringify({ error }) };
}

/** The largest body the sign-in page and next-auth's endpoints take (their forms are a few hundred bytes). */
const PUBLIC_BODY_LIMIT = 64 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;

/**
 * Whether the request's path holds a `%` escape that decodes to no text (`/api/auth/%E0`). Next.js decodes a dynamic
 * segment's value and answered such a path of next-auth's catch-all with a bare 500, before proxy.ts or the route;
 * no path of ours has one, so it is refused alike everywhere. The query is not judged: URLSearchParams reads a bad
 * escape there as U+FFFD, which the routes' own checks then refuse or the pages name.
 */
function malformedPath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** A method the API route does not answer (405 with Allow) or an API address with no route (404), in JSON. */
function apiMisroute(method: string, pathname: string): EarlyAnswer | undefined {
  const methods = apiRouteMethods(pathname);
  if (methods === undefined) return undefined;
  if (methods === null) return json(404, "no API route at this address");
  if (methods.includes(method)) return undefined;
  return json(405, `method ${method} is not allowed here: ${methods.join(", ")} are`, { Allow: methods.join(", ") });
}

/** The request's path, or undefined for a URL Next is left to answer. */
function pathOf(url: string): string | undefined {
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

/** The answer to give without reading the body, or undefined to hand the request to Next.js. */
export async function earlyRefusal(req: EarlyRequest, ctx: EarlyContext): Promise<EarlyAnswer | undefined> {
  const method = req.method.toUpperCase();
  if (!HANDLED.has(method)) return json(405, `method ${method} is not allowed`, { Allow: HANDLED_METHODS.join(", ") });
  // The asterisk form (`OPTIONS * HTTP/1.1`, asking about the server as a whole) is no URL Next can parse: it answered
  // a 500 and logged a stack trace for each one.
  if (req.url === "*") {
    return method === "OPTIONS" ? { status: 204, headers: { Allow: HANDLED_METHODS.join(", ") }, body: "" } : json(400, "request target * is only for OPTIONS");
  }
  if (malformedPath(req.url)) return json(400, "the address's path has a malformed percent-encoding (a % not followed by the UTF-8 of a character)");
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === "string" ? v : null;
  };
  const pathname = pathOf(req.url);
  const misrouted = pathname === undefined ? undefined : apiMisroute(method, pathname);
  // Access first, as proxy.ts would decide it: an anonymous client learns no more of the API than its 401.
  if (misrouted && pathname !== undefined) return (await accessRefusal(pathname, header, ctx)) ?? misrouted;
  const body = announcedBody(req.headers);
  if (body === undefined) return undefined;
  if (typeof body === "number" && body > ctx.bodyLimit) {
    return json(413, `request body too large: ${mb(body)}; the server reads at most ${mb(ctx.bodyLimit)} (LPG_UPLOAD_MAX_MB sets the upload limit)`);
  }
  if (isCrossSiteRequest(requestOrigin(method, header))) {
    return json(403, "cross-site request refused");
  }
  if (pathname === undefined) return undefined; // Next answers a URL it cannot parse
  // Anyone may post to the sign-in page and next-auth's endpoints, whose forms are a few hundred bytes: a body of the
  // upload limit there was read and held whole without signing in. Browsers always say how long a form is.
  if (isPublicPath(pathname)) {
    if (body === "chunked") return json(411, "a request body to the sign-in endpoints needs a Content-Length");
    if (body > PUBLIC_BODY_LIMIT) return json(413, `request body too large: the sign-in endpoints read at most ${PUBLIC_BODY_LIMIT / 1024} KB`);
  }
  return accessRefusal(pathname, header, ctx);
}

/** proxy.ts's access decision as an answer: undefined to let the request on. */
async function accessRefusal(pathname: string, header: (name: string) => string | null, ctx: EarlyContext): Promise<EarlyAnswer | undefined> {
  const signedIn = ctx.authEnabled ? await ctx.signedIn() : false;
  const decision = decideAccess({ pathname, authEnabled: ctx.authEnabled, signedIn, host: header("host"), allowUnauthenticated: ctx.allowUnauthenticated });
  switch (decision.kind) {
    case "allow":
      return undefined;
    case "local-only":
      return { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: LOCAL_ONLY_MESSAGE };
    default:
      // A page posted to without a session gets no redirect: nothing a browser should follow with its body.
      return json(401, "sign-in required");
  }
}
