import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackHost } from "./access";

describe("loopback", () => {
  it("recognises this machine's socket addresses, in Node's forms", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of [undefined, "", "10.0.0.5", "::ffff:10.0.0.5", "fe80::1", "1127.0.0.1", "127.0.0.1.evil", "::2"]) expect(isLoopbackAddress(a)).toBe(false);
  });

  it("recognises loopback Host headers, with or without a port", () => {
    for (const h of ["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of [null, "", "example.com", "127.0.0.1.nip.io", "10.0.0.5:3000"]) expect(isLoopbackHost(h)).toBe(false);
  });
});
