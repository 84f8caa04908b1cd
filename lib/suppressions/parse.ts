/**
 * The suppressions file (`analyze --suppress FILE`): findings a team has looked at and accepted, each with the reason
 * and, best, a date when the acceptance lapses. A CI gate (`--fail-on`) is only usable when a deliberate public
 * status page does not fail every build; but an acceptance nobody can read back, or that never ends, hides risk, so a
 * reason is required and every entry is checked against the rules this tool has.
 *
 * Strict on purpose: a misspelt key (`"fucntion"`) or rule id would otherwise widen the entry to every finding of the
 * rule, or make it match nothing, in silence.
 */
import { z } from "zod";
import { RULES } from "@/lib/findings/rules/registry";
import { SEVERITIES, type Severity } from "@/lib/analysis/types";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const RULE_IDS = new Set(RULES.map((r) => r.id));

const nonEmpty = (what: string) => z.string({ error: `${what} must be a string` }).trim().min(1, { error: `${what} must not be empty` });

export const SuppressionSchema = z
  .strictObject(
    {
      /** A finding id as the JSON report and SARIF fingerprints give it: exactly that finding. */
      id: nonEmpty("id").optional(),
      /** A rule id of findings.md. */
      rule: nonEmpty("rule")
        .refine((r) => RULE_IDS.has(r), { error: (i) => `"${String(i.input)}" is not a rule of this tool (rule ids: ${[...RULE_IDS].sort().join(", ")})` })
        .optional(),
      /** Function name or ARN; `*` and `?` wildcards. */
      function: nonEmpty("function").optional(),
      /** Role name or ARN; `*` and `?` wildcards. */
      role: nonEmpty("role").optional(),
      reason: z
        .string({ error: (i) => (i.input === undefined ? "reason is required: say why the finding is accepted" : "reason must be a string") })
        .trim()
        .min(1, { error: "reason must not be empty" }),
      /** The most severe a selected finding may be and still be accepted: one that grew worse counts again. */
      severity: z
        .enum(SEVERITIES as [Severity, ...Severity[]], { error: `severity must be one of ${SEVERITIES.join(", ")}` })
        .optional(),
      /** Last day (UTC) the entry applies; after it the findings count again. */
      expires: z
        .string({ error: "expires must be a date, YYYY-MM-DD" })
        .refine((s) => DATE.test(s) && isCalendarDate(s), { error: "expires must be a date, YYYY-MM-DD" })
        .optional(),
    },
    { error: (i) => (i.code === "unrecognized_keys" ? `unknown key ${i.keys.map((k) => `"${k}"`).join(", ")} (keys: id, rule, function, role, severity, reason, expires)` : "each suppression must be an object") },
  )
  .refine((s) => s.id !== undefined || s.rule !== undefined || s.function !== undefined || s.role !== undefined, {
    error: "names no finding: give at least one of id, rule, function, role",
  });

export type Suppression = z.infer<typeof SuppressionSchema>;

const FileSchema = z.strictObject(
  { suppressions: z.array(SuppressionSchema, { error: (i) => (i.input === undefined ? `missing "suppressions", the list of entries` : `"suppressions" must be a list`) }) },
  { error: (i) => (i.code === "unrecognized_keys" ? `unknown key ${i.keys.map((k) => `"${k}"`).join(", ")} (expected only "suppressions")` : `expected an object {"suppressions": [...]}`) },
);

export class SuppressionFileError extends Error {
  override name = "SuppressionFileError";
}

/** V8's "… in JSON at position 46" as people find it in an editor: "… (line 2, column 28)". */
function jsonErrorPlace(message: string, text: string): string {
  const at = / in JSON at position (\d+)/.exec(message);
  if (!at) return message;
  const lines = text.slice(0, Number(at[1])).split(/\r\n|\r|\n/);
  return `${message.slice(0, at.index)} (line ${lines.length}, column ${lines[lines.length - 1]!.length + 1})${message.slice(at.index + at[0].length)}`;
}

/** The entries of a suppressions file's text, or a SuppressionFileError naming the entry and field at fault. */
export function parseSuppressions(text: string): Suppression[] {
  let value: unknown;
  // A UTF-8 byte order mark (Windows editors, PowerShell's Out-File) is not JSON: dropped, as snapshots' is.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new SuppressionFileError(`not JSON: ${jsonErrorPlace(e instanceof Error ? e.message : String(e), json)}`);
  }
  const parsed = FileSchema.safeParse(value);
  if (parsed.success) return parsed.data.suppressions;
  // A misspelt key explains the missing one it was meant to be: name it first.
  const issue = parsed.error.issues.find((i) => i.code === "unrecognized_keys") ?? parsed.error.issues[0]!;
  const where = issuePlace(issue.path);
  throw new SuppressionFileError(where ? `${where}: ${issue.message}` : issue.message);
}

/**
 * Where an issue lies, numbered as describeSuppression numbers entries in the warnings ("suppression 3, reason"): an
 * error saying [2] and a warning saying 3 about the same entry read as two entries.
 */
function issuePlace(path: readonly PropertyKey[]): string {
  const [list, index, ...field] = path;
  if (list === "suppressions" && typeof index === "number") return `suppression ${index + 1}${field.length ? `, ${field.map(String).join(".")}` : ""}`;
  return path.map(String).join(".");
}

/** How messages name an entry: its position (1-based, as people count) and what it selects. */
export function describeSuppression(s: Suppression, index: number): string {
  const what = [s.id && `id ${s.id}`, s.rule, s.function && `function ${s.function}`, s.role && `role ${s.role}`].filter(Boolean).join(", ");
  return `suppression ${index + 1} (${what})`;
}
