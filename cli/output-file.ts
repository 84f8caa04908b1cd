/** Output files given on the command line, checked before the slow work that ends in writing them. */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "@/lib/store/atomic-write";
import { UserError, userPath } from "./errors";
import { removingTempFileOnInterrupt } from "./interrupts";

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

/**
 * Writes `data` to `file` (the value of option `flag`); a failure is a user error naming the file and the cause.
 * Through a temp file renamed into place: a write that failed part-way (a full disk) left a truncated PNG under the
 * name, in place of the report that was there.
 */
export async function writeOutputFile(flag: string, file: string, data: Uint8Array): Promise<void> {
  await removingTempFileOnInterrupt(() => writeFileAtomic(userPath(file), data)).catch((e: unknown) => {
    throw new UserError(`${flag} ${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  });
}
