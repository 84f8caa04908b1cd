/**
 * The username/password provider's user list (LPG_USERS_FILE): one `username:hash` per line, `#` comments and
 * blank lines ignored, hashes from `npm run cli -- hash-password` (format in password.ts). Re-read when the file
 * changes, so removing a line revokes that user's sessions at their next request.
 */
import { readFileSync, statSync } from "node:fs";
import { isPasswordHash } from "./password";

export interface UsersFile {
  users: Map<string, string>;
  /** Line-numbered problems; bad lines are skipped, never half-used. */
  problems: string[];
}

const USERNAME = /^[A-Za-z0-9._@+-]{1,128}$/;

export function parseUsersFile(text: string): UsersFile {
  const users = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    const hash = colon > 0 ? line.slice(colon + 1) : "";
    if (!USERNAME.test(name)) problems.push(`line ${i + 1}: username must be 1-128 of A-Z a-z 0-9 . _ @ + -`);
    else if (!isPasswordHash(hash)) problems.push(`line ${i + 1}: not a hash from \`npm run cli -- hash-password\``);
    else if (users.has(name.toLowerCase())) problems.push(`line ${i + 1}: duplicate user ${name}`);
    else users.set(name.toLowerCase(), hash);
  });
  return { users, problems };
}

let cache: { path: string; mtimeMs: number; size: number; parsed: UsersFile } | null = null;

/** The parsed file, or an empty list with the reason when it cannot be read (sign-in then fails closed). */
export function loadUsersFile(path: string): UsersFile {
  try {
    const st = statSync(path);
    if (cache && cache.path === path && cache.mtimeMs === st.mtimeMs && cache.size === st.size) return cache.parsed;
    const parsed = parseUsersFile(readFileSync(path, "utf8"));
    cache = { path, mtimeMs: st.mtimeMs, size: st.size, parsed };
    return parsed;
  } catch (e) {
    return { users: new Map(), problems: [`cannot read LPG_USERS_FILE: ${(e as NodeJS.ErrnoException).code ?? "error"}`] };
  }
}
