/** requirePageUser (dashboard layout) without a session: off to sign in, and back to the page afterwards. */
import { describe, expect, it, vi } from "vitest";
import { signInOnWithNoUsers } from "@/test/auth-env";

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => requestHeaders,
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));
const { requirePageUser } = await import("./guard");
const { REQUEST_PATH_HEADER } = await import("./access");

signInOnWithNoUsers();

describe("requirePageUser", () => {
  it("sends a signed-out visitor to sign in with the page they asked for as the callback", async () => {
    requestHeaders.set(REQUEST_PATH_HEADER, "/graph?snapshot=20261120T093000Z-0123456789ab&focus=fn%3Aa");
    await expect(requirePageUser()).rejects.toThrow(
      `redirect /signin?callbackUrl=${encodeURIComponent("/graph?snapshot=20261120T093000Z-0123456789ab&focus=fn%3Aa")}`,
    );
  });

  it("never sends them on to another site", async () => {
    requestHeaders.set(REQUEST_PATH_HEADER, "//evil.example/");
    await expect(requirePageUser()).rejects.toThrow("redirect /signin?callbackUrl=%2F");
  });
});
