/**
 * Request context written as text: `KEY=VALUE` (the CLI's --context, the details panel's lines), where VALUE may be
 * a JSON array of strings for a multivalued key. No evaluator imports, so the browser bundle can use it.
 */
import { z } from "zod";

/** A what-if question the user got wrong (bad context, unknown principal…): a 400 or a CLI user error. */
export class QuestionError extends Error {
  override name = "QuestionError";
  /** The question's field at fault when the message starts with a context key (`aws:SourceIp: …`), not a field name. */
  constructor(
    message: string,
    readonly field?: "context",
  ) {
    super(message);
  }
}

/**
 * A context entry the asker got wrong, named by its key as typed (`aws:TagKeys: …`): the one wording for the panel's
 * lines, the API's body and the CLI's --context (which puts its option's name before it), wherever it was found.
 */
export function contextError(key: string, problem: string): QuestionError {
  return new QuestionError(`${key}: ${problem}`, "context");
}

/** `KEY=VALUE` from the command line; VALUE may be a JSON array for multi-valued keys. */
export function parseContextArg(arg: string): [string, string | string[]] {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new QuestionError(`"${arg}" must be KEY=VALUE`, "context");
  const key = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1);
  if (raw.trim().startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw contextError(key, `"${raw}" is not a valid JSON array`);
    }
    const arr = z.array(z.string()).safeParse(value);
    if (!arr.success) throw contextError(key, "a multi-valued key takes a JSON array of strings");
    return [key, arr.data];
  }
  return [key, raw];
}

/** Several `KEY=VALUE`s; a key given twice (in any case) is an error, since the second would silently win. */
export function parseContextArgs(args: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const seen = new Set<string>();
  for (const arg of args) {
    const [key, value] = parseContextArg(arg);
    if (seen.has(key.toLowerCase())) throw new QuestionError(`context key ${key} is given twice`);
    seen.add(key.toLowerCase());
    out[key] = value;
  }
  return out;
}

/** One `KEY=VALUE` per non-blank line (the details panel's context box). */
export function parseContextLines(text: string): Record<string, string | string[]> {
  return parseContextArgs(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ""));
}
