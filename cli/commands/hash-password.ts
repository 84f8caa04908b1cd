/**
 * `hash-password [--user NAME]`: prints a scrypt hash (format in lib/auth/password.ts) for LPG_USERS_FILE, or a
 * whole `NAME:hash` line with --user. The password is read from the terminal (hidden, asked twice) or from the
 * first line of stdin, never from the command line, where it would land in shell history and `ps`.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { parseOptions, UserError } from "../errors";

const Options = z.object({
  user: z.string().regex(/^[A-Za-z0-9._@+-]{1,128}$/, "--user must be 1-128 of A-Z a-z 0-9 . _ @ + -").optional(),
});

const MIN_LENGTH = 12;

/** The next line, or null when the input ends before one (stdin from /dev/null, an unset CI secret). */
async function readLine(prompt: string | null, input: NodeJS.ReadableStream): Promise<string | null> {
  // On a terminal, echo nothing while the password is typed.
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input, output: prompt ? muted : undefined, terminal: !!prompt });
  if (prompt) process.stderr.write(prompt);
  return await new Promise<string | null>((resolve) => {
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      if (prompt) process.stderr.write("\n");
      resolve(line);
    });
    rl.once("close", () => {
      if (!answered) resolve(null);
    });
  });
}

export async function hashPasswordCommand(rawOptions: unknown, input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<number> {
  const options = parseOptions(Options, rawOptions);
  const tty = !!input.isTTY;
  const password = await readLine(tty ? "Password: " : null, input);
  if (password === null) {
    throw new UserError("no password read: standard input ended before its first line (pipe the password in, or run hash-password in a terminal to type it)");
  }
  if (tty && (await readLine("Again: ", input)) !== password) throw new UserError("the two passwords differ");
  if (password.length < MIN_LENGTH) throw new UserError(`password must be at least ${MIN_LENGTH} characters`);
  const hash = await hashPassword(password);
  process.stdout.write(`${options.user ? `${options.user}:` : ""}${hash}\n`);
  return 0;
}
