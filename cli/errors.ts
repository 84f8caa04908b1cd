/** A user error: printed as one line on stderr, exit code 1, no stack (cli.md). */
export class UserError extends Error {
  override name = "UserError";
}

/** Paths given on the command line are relative to where the user ran `npm run cli`, not to the package. */
export function userPath(p: string): string {
  const base = process.env.INIT_CWD ?? process.cwd();
  return p.startsWith("/") ? p : `${base.replace(/\/$/, "")}/${p}`;
}
