import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION, testRuleCases, type RuleCase } from "../test-support";
import { envSecretName, looksSecret } from "./env-secret-name";

function fnWithEnv(env: string[]) {
  const b = builder();
  b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }), env });
  return b;
}

const cases: RuleCase[] = [
  { name: "DB_PASSWORD", build: () => fnWithEnv(["DB_PASSWORD", "TABLE_NAME"]), titles: ["Environment variable DB_PASSWORD may hold a secret"], severities: ["medium"] },
  {
    name: "several secret-looking names",
    build: () => fnWithEnv(["STRIPE_API_KEY", "githubToken", "LOG_LEVEL"]),
    titles: ["2 environment variables may hold secrets: STRIPE_API_KEY, githubToken"],
  },
  { name: "references to a secret store are fine", build: () => fnWithEnv(["DB_PASSWORD_SECRET_ARN", "API_KEY_PARAM", "TOKEN_TABLE"]), titles: [] },
  { name: "no environment", build: () => fnWithEnv([]), titles: [] },
];

describe("env-secret-name", () => {
  testRuleCases(envSecretName, cases);

  it("a function with many such names: the title counts what does not fit, the detail and evidence name them all", () => {
    const names = Array.from({ length: 12 }, (_, i) => `SERVICE_${String.fromCharCode(65 + i)}_API_KEY`);
    const f = findingsOf(envSecretName, fnWithEnv(names))[0]!;
    expect(f.title).toBe("12 environment variables may hold secrets: SERVICE_A_API_KEY, SERVICE_B_API_KEY, SERVICE_C_API_KEY and 9 more");
    expect(f.detail).toContain(names.join(", "));
    expect(f.evidence[0]?.highlight).toEqual(names);
  });

  it("the remediation suggests a reference name built from the function's own variable, which is not reported itself", () => {
    const f = findingsOf(envSecretName, fnWithEnv(["stripeApiKey", "STRIPE_WEBHOOK_SECRET"]))[0]!;
    expect(f.remediation).toContain("(e.g. STRIPE_WEBHOOK_SECRET_ARN in place of STRIPE_WEBHOOK_SECRET)");
    expect(looksSecret("STRIPE_WEBHOOK_SECRET_ARN")).toBe(false);
    const camel = findingsOf(envSecretName, fnWithEnv(["stripeApiKey"]))[0]!;
    expect(camel.remediation).toContain("(e.g. STRIPE_API_KEY_SECRET_ARN in place of stripeApiKey)");
  });

  it.each([
    ["AWS_SECRET_ACCESS_KEY", true],
    ["PRIVATE_KEY", true],
    ["clientSecret", true],
    ["AUTH_TOKEN", true],
    ["TOKENIZER_MODEL", false],
    ["AWS_ACCESS_KEY_ID", false],
    ["SECRET_NAME", false],
    ["KEYSPACE", false],
    ["SMTP_PASSWD", true],
    ["GPG_PASSPHRASE", true],
    ["DB_PWD", true],
    ["DB_CONNECTION_STRING", true],
    ["mongoConnString", true],
    // Settings about a secret, not the secret.
    ["TOKEN_TTL", false],
    ["PASSWORD_MIN_LENGTH", false],
    ["AUTH_TOKEN_HEADER", false],
    ["SESSION_TOKEN_EXPIRY", false],
  ] as const)("looksSecret(%s) = %s", (name, expected) => {
    expect(looksSecret(name)).toBe(expected);
  });
});
