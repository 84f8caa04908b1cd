/**
 * Which network client sent a request, for per-client limits (lib/auth/sign-in-throttle.ts).
 *
 * Route handlers never see the socket, and the one header Next fills from it, X-Forwarded-For, is filled only
 * when the client sent none (next/dist/server/base-server.js: `??=`), so it cannot tell the socket apart from a
 * forgery. Hence our own server (lib/http/dashboard-server.ts) writes the socket's address into
 * CLIENT_ADDRESS_HEADER on every request, replacing whatever the client sent, and vouches for the header in this
 * process. Under `next start` or `next dev` nobody vouches, so the header is ignored: it could be the client's.
 *
 * Forwarding headers count only when the operator says how many proxies in front of the server append to
 * X-Forwarded-For (LPG_TRUSTED_PROXY_HOPS): each appends the address it received the request from, so with n
 * trusted proxies the client is the n-th entry from the right, and anything further left is the client's own
 * claim. X-Real-IP is not read: a proxy that appends X-Forwarded-For may pass a client's X-Real-IP through.
 */
import { isIP } from "node:net";
import type { Env } from "@/lib/auth/settings";
import { readTrustedProxyHops } from "./trusted-proxy-hops";

export const CLIENT_ADDRESS_HEADER = "x-lpg-client-address";
/** Realm-wide, so the server code (loaded by tsx) and Next's compiled route handlers see the same mark. */
const VOUCHED = Symbol.for("lambda-permissions-graph.client-address-header");

/** Called by the server that overwrites CLIENT_ADDRESS_HEADER from the socket on every request. */
export function vouchForClientAddressHeader(): void {
  (globalThis as Record<symbol, unknown>)[VOUCHED] = true;
}

function headerVouchedFor(): boolean {
  return (globalThis as Record<symbol, unknown>)[VOUCHED] === true;
}

/** An address as Node or a proxy writes it (`[::1]:80`, `1.2.3.4:5678`, `::ffff:1.2.3.4`), or null when none. */
export function normalizeAddress(raw: string): string | null {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, "").toLowerCase(); // zone index: same interface, same client
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/.test(a)) a = a.slice(7);
  return isIP(a) ? a : null;
}

export interface AddressSources {
  /** The socket's peer address, when a server vouched for it. */
  socket: string | null;
  /** X-Forwarded-For, all of its headers joined with commas. */
  forwardedFor: string | null;
}

/**
 * The client's address, or null when unknown. Unparseable text where the address should be comes back as
 * "unknown", so it shares one budget instead of escaping the limit.
 */
export function clientAddress(sources: AddressSources, trustedHops: number): string | null {
  const forwarded = trustedHops > 0 ? (sources.forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean) : [];
  // Fewer entries than proxies: the leftmost is still the farthest hop any proxy reported.
  const raw = forwarded.length ? forwarded[Math.max(0, forwarded.length - trustedHops)]! : sources.socket;
  if (raw === null) return null;
  return normalizeAddress(raw) ?? "unknown";
}

/** clientAddress of a route handler's request, under this process's environment. */
export function requestClientAddress(headers: Headers, env: Env = process.env): string | null {
  return clientAddress(
    {
      socket: headerVouchedFor() ? headers.get(CLIENT_ADDRESS_HEADER) : null,
      forwardedFor: headers.get("x-forwarded-for"),
    },
    readTrustedProxyHops(env).hops,
  );
}

/** The eight groups of a valid IPv6 address, "::" and a trailing dotted IPv4 part spelled out. */
function ipv6Groups(a: string): string[] {
  const groups = (s: string | undefined) =>
    s
      ? s.split(":").flatMap((g) => {
          if (!g.includes(".")) return [g.replace(/^0+(?=.)/, "")];
          const [b0, b1, b2, b3] = g.split(".").map(Number) as [number, number, number, number];
          return [((b0 << 8) | b1).toString(16), ((b2 << 8) | b3).toString(16)];
        })
      : [];
  const [head, tail] = a.split("::");
  if (tail === undefined) return groups(head);
  const h = groups(head);
  const t = groups(tail);
  return [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
}

/**
 * The budget an address belongs to: an IPv4 address, or an IPv6 address's /64, which one subscriber or machine
 * usually holds whole and could otherwise walk through address by address.
 */
export function clientBudgetKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
}
