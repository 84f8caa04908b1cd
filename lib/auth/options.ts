/**
 * next-auth (v4) options built from the environment (settings.ts). JWT sessions, so no database; the custom
 * sign-in page is /signin. OAuth/OIDC identities must have a verified email on the allowlist; username/password
 * users are the ones listed in LPG_USERS_FILE (the admin listing them is the allowlist).
 */
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig, Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { rateLimit } from "@/lib/rate-limit";
import { SESSION_MAX_AGE_SECONDS, SIGN_IN_PATH } from "./access";
import { SIGN_IN_WINDOW_MS } from "./sign-in-throttle";
import { credentialStamp, hashPassword, verifyPassword } from "./password";
import { emailAllowed, readAuthSettings, type AuthSettings, type Env } from "./settings";
import { loadUsersFile } from "./users-file";
import { rememberSignOut } from "./signed-out";
import { sessionStillAllowed } from "./identity";
import { visibleText } from "@/lib/view/visible-text";

/** Password attempts per username per sign-in window. */
export const SIGN_IN_ATTEMPTS_PER_USER = 10;

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * Whether an OAuth/OIDC identity's email is one its provider verified: the allowlist trusts nothing else. Google
 * always says. An OIDC provider that says nothing may let users type any address (Entra ID's multi-tenant apps did:
 * "nOAuth"), so its silence counts only where the operator says its emails are its own (OIDC_EMAIL_TRUSTED=1);
 * Entra's own verified-domain claim (xms_edov) counts too. Some providers send the claim as a string.
 */
export function emailVerified(provider: string, profile: Record<string, unknown>, oidcEmailTrusted: boolean): boolean {
  const yes = (v: unknown) => v === true || v === "true";
  if (provider === "github") return true; // gitHubVerifiedEmail() keeps only a verified primary address
  if (yes(profile.email_verified)) return true;
  if (provider !== "oidc" || profile.email_verified === false || profile.email_verified === "false") return false;
  return yes(profile.xms_edov) || (oidcEmailTrusted && profile.email_verified === undefined);
}

/** GitHub's stock provider may fall back to an unverified address; the allowlist must only see verified ones. */
function gitHubVerifiedEmail(): OAuthConfig<Record<string, unknown>>["userinfo"] {
  return {
    url: "https://api.github.com/user",
    async request({ client, tokens }) {
      const profile = (await client.userinfo(tokens.access_token!)) as Record<string, unknown>;
      const res = await fetch("https://api.github.com/user/emails", {
        headers: { Authorization: `token ${tokens.access_token}`, Accept: "application/vnd.github+json" },
      });
      const emails = res.ok ? ((await res.json()) as GitHubEmail[]) : [];
      profile.email = emails.find((e) => e.primary && e.verified)?.email ?? null;
      return profile;
    },
  };
}

function oidcProvider(env: Env, name: string): OAuthConfig<Record<string, unknown>> {
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: "oidc",
    name,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(p) {
      return {
        id: String(p.sub),
        name: (p.name ?? p.preferred_username ?? p.email ?? null) as string | null,
        email: (p.email ?? null) as string | null,
      };
    },
  };
}

// A fixed dummy hash so an unknown username costs the same scrypt work as a known one (no user enumeration by timing).
let dummyHash: Promise<string> | null = null;

function credentialsProvider(env: Env): Provider {
  return CredentialsProvider({
    id: "credentials",
    name: "Username and password",
    credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
    async authorize(credentials) {
      const username = String(credentials?.username ?? "").trim();
      const password = String(credentials?.password ?? "");
      if (!username || !password || username.length > 128 || password.length > 1024) return null;
      // Slows guessing one user's password from many addresses; far above what a person mistyping needs. The
      // per-address and server-wide budgets are checked before this runs (sign-in-throttle.ts). Its own key
      // prefix: a username can be any text, so it must not be able to name another budget's bucket.
      if (!rateLimit(`signin-user:${username.toLowerCase()}`, { limit: SIGN_IN_ATTEMPTS_PER_USER, windowMs: SIGN_IN_WINDOW_MS }).ok) {
        throw new Error("Too many sign-in attempts for this user; wait a few minutes.");
      }
      const hash = loadUsersFile(env.LPG_USERS_FILE!).users.get(username.toLowerCase());
      if (!hash) {
        dummyHash ??= hashPassword("not a real password");
        await verifyPassword(password, await dummyHash);
        return null;
      }
      if (!(await verifyPassword(password, hash))) return null;
      const name = username.toLowerCase();
      return { id: name, name, email: username.includes("@") ? name : null, credential: credentialStamp(hash, env.NEXTAUTH_SECRET ?? "") };
    },
  });
}

/** What next-auth logs with a code: an Error, or a bag of details that may hold one. */
function logDetails(metadata: unknown): string {
  const text = (e: unknown) => (e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
  if (metadata instanceof Error || typeof metadata !== "object" || metadata === null) return text(metadata);
  const { error, ...rest } = metadata as { error?: unknown };
  let details: string;
  try {
    details = JSON.stringify(rest);
  } catch {
    details = "";
  }
  return [details === "{}" ? "" : details, error === undefined ? "" : text(error)].filter(Boolean).join(" ");
}

/**
 * next-auth's own logger prints messages as they came, and some come from anyone: the callbackUrl of a sign-in link
 * (INVALID_CALLBACK_URL_ERROR), whose line breaks would forge log lines. One line per event, hidden characters as
 * escapes (a stack's line breaks too).
 */
const logger: NextAuthOptions["logger"] = {
  error: (code, metadata) => {
    if (metadata instanceof SessionEnded) return; // a session's end is no error, however often a tab asks
    console.error(visibleText(`[next-auth][error][${code}] ${logDetails(metadata)}`));
  },
};

/**
 * Thrown by the jwt callback for a session the app no longer serves: next-auth's session endpoint then answers no
 * session and clears the cookie, where it answered the user's name and re-issued a cookie every page refused.
 */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

export function buildAuthOptions(env: Env = process.env, settings: AuthSettings = readAuthSettings(env)): NextAuthOptions {
  const providers: Provider[] = [];
  for (const id of settings.providers) {
    if (id === "github") {
      providers.push(GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET!, userinfo: gitHubVerifiedEmail() }));
    } else if (id === "google") {
      providers.push(GoogleProvider({ clientId: env.GOOGLE_ID!, clientSecret: env.GOOGLE_SECRET! }));
    } else if (id === "oidc" && env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
      providers.push(oidcProvider(env, settings.oidcName));
    } else if (id === "credentials") {
      providers.push(credentialsProvider(env));
    }
  }
  return {
    providers,
    secret: env.NEXTAUTH_SECRET,
    logger,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    events: {
      signOut: ({ token }) => rememberSignOut(token, env),
    },
    callbacks: {
      signIn({ account, profile, user }) {
        if (!account) return false;
        if (account.provider === "credentials") return true;
        const p = (profile ?? {}) as Record<string, unknown>;
        if (!emailVerified(account.provider, p, settings.oidcEmailTrusted)) return false;
        return emailAllowed(user.email, settings);
      },
      jwt({ token, account, user }) {
        if (account) {
          token.provider = account.provider;
          token.signedInAt = Math.floor(Date.now() / 1000);
        } else if (!sessionStillAllowed(token, settings, env)) {
          throw new SessionEnded("the session has ended");
        }
        // Only at sign-in (with the account): the session is tied to the password it signed in with.
        const credential = account?.provider === "credentials" ? (user as { credential?: unknown } | undefined)?.credential : undefined;
        if (typeof credential === "string") token.credential = credential;
        return token;
      },
    },
  };
}

let cached: NextAuthOptions | null = null;

/** Read at first use, not at build time, so one build serves any deployment's environment. */
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
