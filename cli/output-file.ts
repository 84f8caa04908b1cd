/** Output files given on the command line, checked before the slow work that ends in writing them. */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { UserError, userPath } from "./errors";

/** A user error saying what to do when `file` (the value of option `flag`) cannot be written; `example` names a file. */
export async function checkOutputFile(flag: string, file: string, example: string): Promise<void> {
  const path = userPath(file);
  if (await stat(path).then((s) => s.isDirectory(), () => false)) {
    throw new UserError(`${flag} ${file}: is a directory; give a file name in it, e.g. ${file.replace(/\/$/, "")}/${example}`);
  }
  const dir = dirname(file);
  const where = await stat(dirname(path)).catch(() => null);
  if (!where) throw new UserError(`${flag} ${file}: directory ${dir} does not exist; create it first`);
  if (!where.isDirectory()) throw new UserError(`${flag} ${file}: ${dir} is not a directory`);
  await access(dirname(path), constants.W_OK).catch(() => {
    throw new UserError(`${flag} ${file}: cannot write in directory ${dir} (permission denied)`);
  });
}
