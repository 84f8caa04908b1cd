/**
 * The one place the upload and report routes ask whether a client may go on. The rate limiter
 * (lib/rate-limit.ts, issue 5 item 6) is wired in here: return a 429 Response to refuse, null to go on.
 * Until it is wired, every request goes on.
 */
export type LimitedRoute = "scan" | "upload" | "report";

export type RateLimitCheck = (route: LimitedRoute, request: Request) => Promise<Response | null>;

export const checkRateLimit: RateLimitCheck = async () => null;
