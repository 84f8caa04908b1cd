/**
 * The one place the scan, upload and report routes ask whether a client may go on: sign-in (defence in depth
 * behind proxy.ts) and a per-user token bucket from lib/rate-limit.ts. Returns a 401/403/429 Response to
 * refuse, null to go on.
 */
import type { NextRequest } from "next/server";
import { guardApi } from "@/lib/auth/guard";

/** Also the bucket name: "report-png", not "report", which /api/report's own 60 per minute uses. */
export type LimitedRoute = "scan" | "upload" | "report-png";

/** Requests per minute per user; scans and PNG renders are expensive, uploads are large. */
const LIMITS: Record<LimitedRoute, number> = { scan: 5, upload: 20, "report-png": 10 };

export async function checkRateLimit(route: LimitedRoute, request: Request): Promise<Response | null> {
  return guardApi(request as NextRequest, { rateLimit: { name: route, limit: LIMITS[route], windowMs: 60_000 } });
}
