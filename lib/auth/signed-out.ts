/**
 * Sessions signed out. A session is a JWT cookie with no server-side record: signing out clears it in the browser,
 * but a copy taken before (another browser profile, a proxy log, malware) would stay valid until its 12 hours are up.
 * Each sign-out is recorded as an empty file in the data directory (LPG_DATA_DIR/signed-out-sessions/), so every
 * server process sharing the store refuses it, a restarted one too; a process in memory alone forgot it at restart and
 * never knew it behind a load balancer. It is on disk before the sign-out answers (lib/store/atomic-write.ts), so
 * a crash right after does not bring the session back. The file's name holds when the session would have ended
 * anyway, so old records are removed without reading them. Only that session: the same user's other browsers stay signed in.
 * Should the directory not be writable, this process still remembers the sign-out (on globalThis: proxy.ts,
 * next-auth's route and lib/http/dashboard-server.ts are separate bundles with module state of their own).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { removeStaleTempFiles, writeFileAtomic } from "@/lib/store/atomic-write";
import { dataDirectory } from "@/lib/store/data-dir";
import { makeDirectory } from "@/lib/store/make-directory";
import { isStopRefusal } from "@/lib/store/writes-in-flight";
import { SESSION_MAX_AGE_SECONDS } from "./access";
import type { Env } from "./settings";

type SessionToken = { provider?: unknown; sub?: unknown; signedInAt?: unknown };

export const SIGNED_OUT_DIR = "signed-out-sessions";

/**
 * One session (who signed in, with which provider, and when: options.ts's jwt callback stamps the time) as a file
 * name: `<end, seconds since the epoch>-<sha256>`. Hashed: a username is any text, a file name is not.
 */
function recordName(token: SessionToken): string | null {
  if (typeof token.signedInAt !== "number" || typeof token.sub !== "string" || typeof token.provider !== "string") return null;
  const key = createHash("sha256").update(JSON.stringify([token.provider, token.sub, token.signedInAt])).digest("hex");
  return `${Math.ceil(token.signedInAt + SESSION_MAX_AGE_SECONDS)}-${key}`;
}

const STORE = Symbol.for("lambda-permissions-graph.signed-out-sessions");
function inMemory(): Set<string> {
  const g = globalThis as { [STORE]?: Set<string> };
  return (g[STORE] ??= new Set());
}

const endsAt = (name: string) => Number(name.slice(0, name.indexOf("-")));
/** recordName's form: anything else in the directory (another process's write in progress) is not a record. */
const RECORD = /^\d+-[0-9a-f]{64}$/;
/** A temp file this old was left by a crash: a write in progress takes milliseconds. */
const STALE_TEMP_SECONDS = 15 * 60;

export async function rememberSignOut(token: SessionToken | null | undefined, env: Env = process.env, nowSeconds = Date.now() / 1000): Promise<void> {
  const name = token ? recordName(token) : null;
  if (!name) return;
  const remembered = inMemory();
  for (const n of remembered) if (endsAt(n) <= nowSeconds) remembered.delete(n);
  remembered.add(name);
  const dir = join(dataDirectory(env), SIGNED_OUT_DIR);
  try {
    await makeDirectory(dir);
    // Synced before it is named and the directory after: a crash right after sign-out must not bring the session back.
    await writeFileAtomic(join(dir, name), "");
  } catch (e: unknown) {
    // Not the directory's fault: advice to set LPG_DATA_DIR would mislead.
    if (isStopRefusal(e)) {
      console.error("a sign-out as the server stopped was not recorded: that session's cookie opens the dashboard again once it restarts, until it expires or is signed out again");
      return;
    }
    console.error(
      `cannot record a sign-out in ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)}): only this server process will refuse ` +
        "that session's cookie; set LPG_DATA_DIR to a directory the server can write",
    );
    return;
  }
  for (const old of readdirSync(dir)) {
    if (RECORD.test(old) && endsAt(old) <= nowSeconds) rmSync(join(dir, old), { force: true });
  }
  await removeStaleTempFiles(dir, new Date((nowSeconds - STALE_TEMP_SECONDS) * 1000));
}

export function isSignedOut(token: SessionToken, env: Env = process.env): boolean {
  const name = recordName(token);
  return name !== null && (inMemory().has(name) || existsSync(join(dataDirectory(env), SIGNED_OUT_DIR, name)));
}
