import { describe, expect, it } from "vitest";
import { serveRefusal, startMessage } from "./commands/serve";

describe("serve: where it may listen", () => {
  it.each([
    ["127.0.0.1", {}, null],
    ["localhost", {}, null],
    ["::1", {}, null],
    ["0.0.0.0", {}, /refusing to listen on 0.0.0.0 without sign-in.*LPG_ALLOW_UNAUTHENTICATED=1/],
    ["192.168.1.5", {}, /refusing/],
    ["0.0.0.0", { LPG_ALLOW_UNAUTHENTICATED: "1" }, null],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32) }, null],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users" }, /misconfigured: NEXTAUTH_SECRET must be set/],
    ["127.0.0.1", { GITHUB_ID: "id", GITHUB_SECRET: "x", NEXTAUTH_SECRET: "s".repeat(32) }, /github sign-in needs LPG_ALLOWED_EMAILS/],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32), LPG_TRUSTED_PROXY_HOPS: "1" }, null],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32), LPG_TRUSTED_PROXY_HOPS: "yes" }, /misconfigured: LPG_TRUSTED_PROXY_HOPS must be a whole number/],
  ])("--host %s with %j", (host, env, expected) => {
    const refusal = serveRefusal(host, env);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

// Its warnings are the server's to say, under `next start` too: test/instrumentation.test.ts.
describe("serve: what it says at start", () => {
  const PASSWORDS = { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32) };
  it("still names the mode", () => {
    expect(startMessage("http://127.0.0.1:3000", "snap.json", PASSWORDS)).toMatch(/^Dashboard on http:\/\/127\.0\.0\.1:3000 showing snap\.json, sign-in: credentials \(Ctrl\+C stops it\)\n/);
  });
});
