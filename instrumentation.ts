/**
 * Runs once when a Next.js server starts: under `next start`, and under `serve`, `report` and the e2e server, whose
 * lib/http/dashboard-server.ts runs it in app.prepare(). The one place start-up warnings are said, so an operator
 * hears them however the dashboard was started, and once.
 */
import { insecureCookiesWarning, secureCookiesOverHttpWarning } from "@/lib/auth/secure-cookies";
import { readAuthSettings } from "@/lib/auth/settings";

export function register(): void {
  // The Node.js server's log is the operator's; an edge runtime, were one ever started, would say it a second time.
  if (process.env.NEXT_RUNTIME === "edge") return;
  const settings = readAuthSettings(process.env);
  for (const warning of [insecureCookiesWarning(settings, process.env), secureCookiesOverHttpWarning(settings, process.env)]) {
    if (warning) console.warn(warning);
  }
}
