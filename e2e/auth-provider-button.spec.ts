/**
 * Sign-in through a provider button (OIDC), end to end: a signed-out teammate opens a shared link, the sign-in page
 * sends them to the provider and back, and they land on the exact view the link named, its query and `#fragment`
 * both (a browser never sends the fragment, so only the sign-in page can carry it: lib/auth/callback-url.ts
 * withFragment).
 *
 * A sign-in server of this spec's own (e2e/start-server.mjs --oidc-issuer), since the providers are read at start,
 * and a stand-in provider (e2e/fixtures/oidc-issuer.ts) that signs in at once.
 */
import { freePort } from "../lib/http/free-port";
import { OIDC_USER_EMAIL, startOidcIssuer, type OidcIssuer } from "./fixtures/oidc-issuer";
import { startSignInServer, type SignInServer } from "./sign-in-server";
import { expect, hydrating, test } from "./test";

let issuer: OidcIssuer;
let server: SignInServer | undefined;
let origin = "";

// The server's start (tsx, then Next's prepare) on a machine other runs share.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  issuer = await startOidcIssuer();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = await startSignInServer(port, ["--nextauth-url", origin, "--oidc-issuer", issuer.url]);
});

test.afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

test("a shared link with a query and a fragment, opened signed out, lands on that exact view after a provider's sign-in", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: origin });
  const page = hydrating(await context.newPage());
  const link = `${origin}/graph?sev=high&findings=true#details`;
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=[^#]*#details$/);
  await page.getByRole("button", { name: "Continue with E2E SSO" }).click();
  // The first page after a server start analyses the snapshot: allow for it.
  await expect(page.getByTestId("signed-in-user")).toHaveText(OIDC_USER_EMAIL, { timeout: 30_000 });
  expect(page.url()).toBe(link);
  await expect(page.getByTestId("filter-sev-high")).toHaveAttribute("aria-pressed", "true");
  await context.close();
});
