import { z } from "zod";

/** A user error: printed as one line on stderr, exit code 1, no stack (cli.md). */
export class UserError extends Error {
  override name = "UserError";
}

/** Paths given on the command line are relative to where the user ran `npm run cli`, not to the package. */
export function userPath(p: string): string {
  const base = process.env.INIT_CWD ?? process.cwd();
  return p.startsWith("/") ? p : `${base.replace(/\/$/, "")}/${p}`;
}

/**
 * A command's options, validated; the first problem is a user error that names its option (cli.md: which field),
 * also when the schema has no message of its own for it ("Too small: …" alone did not say which option).
 */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const message = issue?.message ?? "invalid options";
  const key = issue?.path[0];
  if (typeof key !== "string" || message.startsWith("--")) throw new UserError(message);
  throw new UserError(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${message}`);
}

/** An option naming one of a few words: any case is that word (`--fail-on HIGH`, `--format JSON`). */
export function wordOption<const W extends readonly [string, ...string[]]>(words: W, error: string) {
  return z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(words, { error }));
}
