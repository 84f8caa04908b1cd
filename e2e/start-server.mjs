#!/usr/bin/env node
/**
 * Playwright's web server: build the app once (unless E2E_SKIP_BUILD=1), then run the CLI's `serve` on 127.0.0.1
 * with a fresh temporary data directory (E2E_DATA_DIR when set, else one of its own; removed on exit). The store
 * imports data/demo-snapshot.json on first start; while that file does not exist yet, the small e2e fixture snapshot
 * stands in.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const port = args.includes("--port") ? args[args.indexOf("--port") + 1] : "3210";
const root = resolve(import.meta.dirname, "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
// --auth: the sign-in server for e2e/auth-*.spec.ts (password users from e2e/fixtures/users.txt). Playwright
// starts it after the first server, which has already built, so it never builds.
const auth = args.includes("--auth");
// --nextauth-url URL (with --auth): NEXTAUTH_URL for a sign-in server of a spec's own (e2e/auth-secure-cookies.spec.ts
// sets an https:// address on the server's own plain-http port, as a misconfigured deployment would).
const nextAuthUrl = args.includes("--nextauth-url") ? args[args.indexOf("--nextauth-url") + 1] : undefined;
// --oidc-issuer URL (with --auth and --nextauth-url): a provider button too, signing in through e2e/fixtures/oidc-issuer.ts
// at URL, for any address at example.com.
const oidcIssuer = args.includes("--oidc-issuer") ? args[args.indexOf("--oidc-issuer") + 1] : undefined;

if (!auth && (process.env.E2E_SKIP_BUILD !== "1" || !existsSync(join(root, ".next", "BUILD_ID")))) {
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The sign-in server keeps a store of its own: E2E_DATA_DIR (playwright.config.ts) is the default server's.
const dataDir = !auth && process.env.E2E_DATA_DIR ? process.env.E2E_DATA_DIR : mkdtempSync(join(tmpdir(), "lpg-e2e-"));
mkdirSync(dataDir, { recursive: true });
const demo = existsSync(join(root, "data", "demo-snapshot.json"))
  ? join(root, "data", "demo-snapshot.json")
  : join(root, "e2e", "fixtures", "mini-snapshot.json");
const env = { ...process.env, LPG_DATA_DIR: dataDir, LPG_DEMO_SNAPSHOT: process.env.LPG_DEMO_SNAPSHOT ?? demo };
// "Scan now" (e2e/scan.spec.ts) scans a local AWS endpoint, never AWS: fake credentials, slow enough answers
// that the progress bar visibly moves. E2E_AWS_ENDPOINT=0 skips it.
const awsEndpoint = process.env.E2E_AWS_ENDPOINT === "0" ? null : await startAwsEndpoint();
if (awsEndpoint) Object.assign(env, awsEndpoint.env);
delete env.AWS_PROFILE;
delete env.LPG_SNAPSHOT_FILE;
for (const k of ["GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET", "OIDC_ISSUER", "OIDC_CLIENT_ID", "LPG_USERS_FILE", "LPG_ALLOW_UNAUTHENTICATED", "LPG_TRUSTED_PROXY_HOPS"]) {
  delete env[k];
}
if (auth) {
  env.LPG_USERS_FILE = join(root, "e2e", "fixtures", "users.txt");
  // Unset, as password users alone may leave it (docs/deploy.md): next-auth then names http://localhost:3000 in its
  // answers, which the sign-in and sign-out buttons must not follow.
  if (nextAuthUrl) env.NEXTAUTH_URL = nextAuthUrl;
  else delete env.NEXTAUTH_URL;
  env.NEXTAUTH_SECRET = "e2e-only-secret-not-for-production-0123456789";
  if (oidcIssuer) {
    Object.assign(env, { OIDC_ISSUER: oidcIssuer, OIDC_CLIENT_ID: "e2e-client", OIDC_CLIENT_SECRET: "e2e-only-client-secret", OIDC_NAME: "E2E SSO" });
    env.LPG_ALLOWED_DOMAINS = "example.com";
  }
}
console.log(`e2e server: data dir ${dataDir}, demo ${env.LPG_DEMO_SNAPSHOT}`);

// The default server reads a suppressions file beside its store (E2E_DATA_DIR + ".suppressions.json"), empty until
// e2e/suppressions.spec.ts writes to it: serve --suppress, as a team would run it.
const suppressions = auth ? null : `${dataDir}.suppressions.json`;
if (suppressions) writeFileSync(suppressions, JSON.stringify({ suppressions: [] }));
const serveArgs = ["serve", "--port", port, ...(suppressions ? ["--suppress", suppressions] : [])];

// The product's own `serve` (lib/http/dashboard-server.ts), so the tests run what users run.
const server = spawn(process.execPath, ["--import", "tsx", join(root, "cli", "main.ts"), ...serveArgs], { cwd: root, env, stdio: "inherit" });
const cleanup = () => {
  awsEndpoint?.process.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
  if (suppressions) rmSync(suppressions, { force: true });
};
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => server.kill(sig));
}
server.on("exit", (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});

/** test/aws-endpoint/main.ts in its own process; resolves with its URL once it listens. */
function startAwsEndpoint() {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "test", "aws-endpoint", "main.ts"), "--latency", "250"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolveUrl, reject) => {
    child.once("exit", (code) => reject(new Error(`aws-endpoint exited (${code})`)));
    child.stdout.on("data", (chunk) => {
      const m = /listening on (\S+)/.exec(String(chunk));
      if (!m) return;
      console.log(`e2e server: AWS endpoint ${m[1]}`);
      resolveUrl({
        process: child,
        env: {
          AWS_ENDPOINT_URL: m[1],
          AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
          AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          AWS_REGION: "us-east-1",
          AWS_EC2_METADATA_DISABLED: "true",
        },
      });
    });
  });
}
