import { readFile } from "node:fs/promises";
import { z } from "zod";
import { parseSuppressions, SuppressionFileError, type Suppression } from "@/lib/suppressions/parse";
import { UserError, userPath } from "./errors";

/** `--suppress FILE`, as analyze, serve and report take it. */
export const SuppressOption = z.string().min(1, { error: "--suppress needs a file" }).optional();

/** The suppressions file's entries; a file that cannot be read or is not valid is the user's error, named. */
export async function readSuppressions(file: string): Promise<Suppression[]> {
  let text: string;
  try {
    text = await readFile(userPath(file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory; give the suppressions file in it" : `cannot be read (${code ?? String(e)})`;
    throw new UserError(`--suppress ${file}: ${why}`);
  }
  try {
    return parseSuppressions(text);
  } catch (e) {
    if (e instanceof SuppressionFileError) throw new UserError(`--suppress ${file}: ${e.message}`);
    throw e;
  }
}

/**
 * `serve` and `report`: the dashboard they start applies the file (LPG_SUPPRESSIONS). Checked now, so a bad file is
 * an error before a build; edits while a server runs are read as they land.
 */
export async function suppressInDashboard(file: string | undefined): Promise<void> {
  if (file === undefined) return;
  await readSuppressions(file);
  process.env.LPG_SUPPRESSIONS = userPath(file);
}
