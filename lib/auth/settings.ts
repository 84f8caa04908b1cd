/**
 * Which sign-in methods the server offers, read from the environment only (no config file to get out of sync
 * with the deployment). No provider at all means local mode: the dashboard is reachable from loopback only.
 * Pure, so the CLI (`serve`), the proxy and the sign-in page agree on one answer.
 */
import { readTrustedProxyHops } from "@/lib/http/trusted-proxy-hops";

/** process.env or a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

export type ProviderId = "github" | "google" | "oidc" | "credentials";

export interface AuthSettings {
  /** True when at least one provider is configured: every page and API route then needs a session. */
  enabled: boolean;
  providers: ProviderId[];
  allowedEmails: string[];
  allowedDomains: string[];
  /** Display name of the generic OIDC provider (OIDC_NAME), e.g. "Okta". */
  oidcName: string;
  /**
   * OIDC_EMAIL_TRUSTED=1: the OIDC provider sets every user's email itself and sends no email_verified (Entra ID
   * single-tenant apps), so its emails count as verified. Without it an OIDC email must be said to be verified.
   */
  oidcEmailTrusted: boolean;
  /** Misconfigurations that make the server refuse to start (serve) or refuse sign-in (runtime). */
  problems: string[];
}

/**
 * next-auth hands anyone a CSRF cookie holding sha256(token + NEXTAUTH_SECRET): a short secret is found offline, and
 * with it a session for any allowlisted address can be made. `openssl rand -base64 32` (docs/deploy.md) gives 44.
 */
const MIN_SECRET_LENGTH = 32;

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export function readAuthSettings(env: Env = process.env): AuthSettings {
  const providers: ProviderId[] = [];
  const problems: string[] = [];
  const pair = (id: ProviderId, idVar: string, secretVar: string) => {
    if (!env[idVar] && !env[secretVar]) return;
    if (!env[idVar] || !env[secretVar]) problems.push(`${idVar} and ${secretVar} must both be set`);
    providers.push(id);
  };
  pair("github", "GITHUB_ID", "GITHUB_SECRET");
  pair("google", "GOOGLE_ID", "GOOGLE_SECRET");
  if (env.OIDC_ISSUER || env.OIDC_CLIENT_ID) {
    if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
      problems.push("OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must all be set");
    } else if (!/^https:\/\//.test(env.OIDC_ISSUER) && !loopbackHttp(env.OIDC_ISSUER)) {
      problems.push("OIDC_ISSUER must be an https:// URL");
    }
    providers.push("oidc");
  }
  if (env.LPG_USERS_FILE) providers.push("credentials");

  const allowedEmails = list(env.LPG_ALLOWED_EMAILS);
  const allowedDomains = list(env.LPG_ALLOWED_DOMAINS).map((d) => d.replace(/^@/, ""));
  const external = providers.filter((p) => p !== "credentials");
  if (external.length && !allowedEmails.length && !allowedDomains.length) {
    // Without an allowlist anyone with, say, a GitHub account could read the account's permissions.
    problems.push(`${external.join(", ")} sign-in needs LPG_ALLOWED_EMAILS or LPG_ALLOWED_DOMAINS`);
  }
  // next-auth builds the provider's return address from it, and without it sends people to http://localhost:3000.
  if (env.NEXTAUTH_URL ? !/^https?:\/\/[^/?#\s]+(\/\S*)?$/.test(env.NEXTAUTH_URL) : external.length > 0) {
    problems.push(`NEXTAUTH_URL must be the address users open, e.g. https://lpg.example.com${env.NEXTAUTH_URL ? "" : ` (${external.join(", ")} sign-in returns there)`}`);
  }
  const proxyHops = readTrustedProxyHops(env).problem;
  if (proxyHops) problems.push(proxyHops);
  const enabled = providers.length > 0;
  if (enabled && !env.NEXTAUTH_SECRET) problems.push("NEXTAUTH_SECRET must be set (e.g. `openssl rand -base64 32`)");
  else if (enabled && env.NEXTAUTH_SECRET!.length < MIN_SECRET_LENGTH) {
    problems.push(`NEXTAUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters of random text (e.g. \`openssl rand -base64 32\`)`);
  }
  return {
    enabled,
    providers,
    allowedEmails,
    allowedDomains,
    oidcName: env.OIDC_NAME || "Single sign-on",
    oidcEmailTrusted: env.OIDC_EMAIL_TRUSTED === "1",
    problems,
  };
}

/** Email allowlist for OAuth/OIDC identities: exact address, or exact domain after the last "@". */
export function emailAllowed(email: string | null | undefined, settings: Pick<AuthSettings, "allowedEmails" | "allowedDomains">): boolean {
  if (!email) return false;
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  if (at <= 0 || at === e.length - 1 || e.indexOf("@") !== at) return false;
  return settings.allowedEmails.includes(e) || settings.allowedDomains.includes(e.slice(at + 1));
}

/** Escape hatch for deployments whose own reverse proxy authenticates users. */
export function unauthenticatedAllowed(env: Env = process.env): boolean {
  return env.LPG_ALLOW_UNAUTHENTICATED === "1";
}

/**
 * Plain http to an issuer on this machine (a test's stand-in): read as a URL, so `http://127.0.0.1:@idp.example.com`,
 * whose host is idp.example.com, is not taken for one. The client secret and tokens would cross the network unencrypted.
 */
function loopbackHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && !u.username && !u.password && (u.hostname === "localhost" || u.hostname === "127.0.0.1");
  } catch {
    return false;
  }
}
