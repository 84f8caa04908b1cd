/**
 * docs/deploy.md "Client addresses": the socket's address unless LPG_TRUSTED_PROXY_HOPS says how many proxies
 * append to X-Forwarded-For; then the entry that many places from the right, never one the client wrote.
 */
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  clientBudgetKey,
  normalizeAddress,
  requestClientAddress,
  vouchForClientAddressHeader,
} from "./client-address";
import { readTrustedProxyHops } from "./trusted-proxy-hops";

const socket = "198.51.100.20";

describe("clientAddress", () => {
  it("without trusted proxies: the socket's address; X-Forwarded-For is the client's claim and ignored", () => {
    expect(clientAddress({ socket, forwardedFor: "203.0.113.5" }, 0)).toBe(socket);
    expect(clientAddress({ socket, forwardedFor: null }, 0)).toBe(socket);
  });

  it("one trusted proxy: the entry it appended (the rightmost), not what the client sent before it", () => {
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "203.0.113.5" }, 1)).toBe("203.0.113.5");
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "1.1.1.1, 203.0.113.5" }, 1)).toBe("203.0.113.5");
  });

  it("two trusted proxies (CDN, then nginx): the second entry from the right; a forged prefix changes nothing", () => {
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "203.0.113.5, 192.0.2.7" }, 2)).toBe("203.0.113.5");
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "9.9.9.9, 8.8.8.8, 203.0.113.5, 192.0.2.7" }, 2)).toBe("203.0.113.5");
  });

  it("trusted proxies but no X-Forwarded-For (a request that reached the app directly): the socket's address", () => {
    expect(clientAddress({ socket, forwardedFor: null }, 1)).toBe(socket);
    expect(clientAddress({ socket, forwardedFor: " , " }, 1)).toBe(socket);
  });

  it("fewer entries than proxies: the leftmost, the farthest hop any proxy saw", () => {
    expect(clientAddress({ socket, forwardedFor: "203.0.113.5" }, 2)).toBe("203.0.113.5");
  });

  it("text that is no address shares one 'unknown' budget rather than escaping it; no address at all is null", () => {
    expect(clientAddress({ socket, forwardedFor: "garbage, <script>" }, 1)).toBe("unknown");
    expect(clientAddress({ socket: null, forwardedFor: null }, 0)).toBeNull();
    expect(clientAddress({ socket: null, forwardedFor: "203.0.113.5" }, 0)).toBeNull();
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["203.0.113.5:51234", "203.0.113.5"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    [" 10.1.2.3 ", "10.1.2.3"],
    ["unknown", null],
    ["", null],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe("clientBudgetKey", () => {
  it("IPv4 per address; IPv6 per /64, however the address is spelled", () => {
    expect(clientBudgetKey("203.0.113.5")).toBe("203.0.113.5");
    expect(clientBudgetKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientBudgetKey("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(clientBudgetKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientBudgetKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientBudgetKey("::1")).toBe("0:0:0:0::/64");
    expect(clientBudgetKey("64:ff9b:1:2:3:4:192.0.2.1")).toBe("64:ff9b:1:2::/64");
  });
});

describe("readTrustedProxyHops", () => {
  it.each([
    [undefined, { hops: 0 }],
    ["", { hops: 0 }],
    ["0", { hops: 0 }],
    ["2", { hops: 2 }],
    [" 1 ", { hops: 1 }],
  ])("%j → %j", (value, expected) => {
    expect(readTrustedProxyHops({ LPG_TRUSTED_PROXY_HOPS: value })).toEqual(expected);
  });

  it.each(["yes", "-1", "1.5", "6", "true"])("%j is a problem, and trusts no proxy meanwhile", (value) => {
    const r = readTrustedProxyHops({ LPG_TRUSTED_PROXY_HOPS: value });
    expect(r.hops).toBe(0);
    expect(r.problem).toMatch(/LPG_TRUSTED_PROXY_HOPS must be a whole number from 0 to 5/);
  });
});

describe("requestClientAddress (a route handler's view)", () => {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.20", "x-forwarded-for": "203.0.113.5" });

  // In this order: vouching is once per process, as the server does it at start.
  it("before a server vouches for the socket header (`next start`), the header is the client's and ignored", () => {
    expect(requestClientAddress(headers, {})).toBeNull();
    expect(requestClientAddress(headers, { LPG_TRUSTED_PROXY_HOPS: "1" })).toBe("203.0.113.5");
  });

  it("once our server vouches for it: the socket's address, or the proxy's entry when proxies are trusted", () => {
    vouchForClientAddressHeader();
    expect(requestClientAddress(headers, {})).toBe("198.51.100.20");
    expect(requestClientAddress(headers, { LPG_TRUSTED_PROXY_HOPS: "1" })).toBe("203.0.113.5");
    expect(requestClientAddress(headers, { LPG_TRUSTED_PROXY_HOPS: "nonsense" })).toBe("198.51.100.20");
  });
});
