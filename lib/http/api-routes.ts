/**
 * The API routes (app/api/**\/route.ts) and the methods each exports, held to those files by api-routes.test.ts. Next
 * answers another method with an empty 405 and no Allow header (RFC 9110 requires one), and an address under /api/
 * that names no route with its HTML 404 page: lib/http/early-refusal.ts answers both in JSON from this table instead.
 */
export const API_ROUTES: Readonly<Record<string, readonly string[]>> = {
  "/api/actions": ["GET"],
  "/api/analysis": ["GET"],
  "/api/can": ["POST"],
  "/api/graph": ["GET"],
  "/api/graph/details": ["GET"],
  "/api/graph/list": ["GET"],
  "/api/graph/search": ["GET"],
  "/api/report": ["GET"],
  "/api/report.png": ["GET"],
  "/api/scan": ["GET", "POST"],
  "/api/snapshots": ["GET", "POST"],
  "/api/snapshots/diff": ["GET"],
};

/** next-auth's catch-all (app/api/auth/[...nextauth]): every path below it is its own to answer. */
const AUTH_PREFIX = "/api/auth/";
const AUTH_METHODS = ["GET", "POST"] as const;

/**
 * The methods the route at `pathname` answers, as Next's own OPTIONS answer lists them (HEAD with GET, and OPTIONS);
 * null for an API address with no route, undefined for an address outside /api/.
 */
export function apiRouteMethods(pathname: string): string[] | null | undefined {
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return undefined;
  // Next redirects /api/report/ to /api/report.
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const methods = API_ROUTES[path] ?? (path.startsWith(AUTH_PREFIX) ? AUTH_METHODS : undefined);
  if (!methods) return null;
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort();
}
