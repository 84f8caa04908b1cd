/**
 * Password hashes for the username/password provider, with node:crypto's scrypt (memory-hard, no dependency).
 * Format, one string with no spaces or colons so it fits a users-file line:
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<derived key, base64url>
 * e.g. scrypt$15$8$1$9h0s…$Qm3v… (N = 2^15, r = 8, p = 1, 16-byte salt, 32-byte key). Parameters live in the
 * hash, so raising them later does not invalidate existing users.
 */
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

export const DEFAULT_PARAMS = { logN: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const HASH_PATTERN = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

function memoryFor(logN: number, r: number): number {
  return 128 * 2 ** logN * r * 2;
}

export async function hashPassword(password: string, params: { logN: number; r: number; p: number } = DEFAULT_PARAMS): Promise<string> {
  if (!password) throw new Error("password must not be empty");
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: memoryFor(params.logN, params.r) });
  return `scrypt$${params.logN}$${params.r}$${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export function isPasswordHash(value: string): boolean {
  const m = HASH_PATTERN.exec(value);
  if (!m) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds keep a hand-edited users file from turning one sign-in into a memory or CPU bomb.
  return logN >= 10 && logN <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

/** False for a wrong password or a malformed hash; never throws on user input. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (!isPasswordHash(hash)) return false;
  const [, logN, r, p, salt, key] = HASH_PATTERN.exec(hash)! as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(key, "base64url");
  try {
    const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
      N: 2 ** Number(logN),
      r: Number(r),
      p: Number(p),
      maxmem: memoryFor(Number(logN), Number(r)),
    });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/**
 * What a password session token carries of the hash it signed in against: a keyed digest (never the hash itself),
 * so a changed password (a new hash in the users file) ends every session signed in with the old one.
 */
export function credentialStamp(hash: string, secret: string): string {
  return createHmac("sha256", secret).update(hash).digest("base64url").slice(0, 22);
}
