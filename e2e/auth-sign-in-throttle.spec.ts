/**
 * docs/deploy.md "What the server sends and limits": 30 password attempts per 15 minutes per client address, told
 * apart by the socket (lib/http/dashboard-server.ts passes it to route handlers). Other clients come from other
 * loopback addresses (127.0.0.2, 127.0.0.3…), so the browser's own budget on 127.0.0.1 stays untouched for the
 * other sign-in specs.
 */
import http from "node:http";
import { expect, test } from "./test";
import { signIn } from "./auth-helpers";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A password attempt sent from `localAddress` (no CSRF token: next-auth refuses it unhashed, the budget still counts it). */
function attemptFrom(baseURL: string, localAddress: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL("/api/auth/callback/credentials", baseURL);
  const body = "username=nobody&password=guess-guess-guess";
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", localAddress, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const messageFor = (seconds: string) => `Too many sign-in attempts from your network address; try again in ${seconds} s.`;
const MESSAGE = messageFor("30");

test("one client address spending its sign-in budget is refused with 429; forged headers do not help, other clients are unaffected", async ({ page, baseURL }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    // A new forged address each time, in every header a client could try: none is trusted without LPG_TRUSTED_PROXY_HOPS.
    const forged = `192.0.2.${i + 1}`;
    const res = await attemptFrom(baseURL!, "127.0.0.2", { "x-forwarded-for": forged, "x-real-ip": forged, "x-lpg-client-address": forged });
    statuses.push(res.status);
  }
  expect(statuses.filter((s) => s === 429)).toEqual([]);

  const refused = await attemptFrom(baseURL!, "127.0.0.2", { "x-forwarded-for": "192.0.2.200", "x-lpg-client-address": "192.0.2.201" });
  expect(refused.status).toBe(429);
  // The bucket refills while the 30 attempts run, so on a loaded machine the wait is a little under 30 s.
  const retryAfter = String(refused.headers["retry-after"]);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(30);
  expect(JSON.parse(refused.body)).toMatchObject({ error: messageFor(retryAfter) });
  // The security headers every other answer carries (next.config.js, proxy.ts).
  expect(refused.headers).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "private, no-store",
  });
  expect(refused.headers["content-security-policy"]).toContain("frame-ancestors 'none'");

  expect((await attemptFrom(baseURL!, "127.0.0.3")).status).not.toBe(429);
  await signIn(page, "bob@example.com"); // from 127.0.0.1

  // The sign-in form shows the refusal as next-auth's client hands it over, not as an unreachable server.
  await page.context().clearCookies();
  await page.route("**/api/auth/callback/credentials", (route) => route.fulfill({ status: 429, headers: { "retry-after": "30" }, contentType: "application/json", body: refused.body }));
  await page.goto("/signin");
  await page.getByLabel("Username", { exact: true }).fill("alice");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText(MESSAGE);
});
