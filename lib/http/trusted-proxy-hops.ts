/**
 * LPG_TRUSTED_PROXY_HOPS, how many reverse proxies in front of the server append to X-Forwarded-For
 * (client-address.ts). Apart from it because lib/auth/settings.ts reports a bad value, and settings must stay
 * free of Node-only modules: pages that bundle for the browser import it.
 */
import type { Env } from "@/lib/auth/settings";

/** More proxies than this in a row is a typo, not a deployment. */
export const MAX_TRUSTED_PROXY_HOPS = 5;

/** Unset or empty is 0 (no proxy: forwarding headers are the client's claims). */
export function readTrustedProxyHops(env: Env): { hops: number; problem?: string } {
  const raw = (env.LPG_TRUSTED_PROXY_HOPS ?? "").trim();
  if (raw === "") return { hops: 0 };
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_TRUSTED_PROXY_HOPS) {
    // 0, not a guess: trusting one hop too many lets clients choose their own address.
    return { hops: 0, problem: `LPG_TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS}` };
  }
  return { hops: Number(raw) };
}
