/**
 * Each item of an AWS answer checked against its snapshot schema (lib/snapshot/schema.ts) as it arrives. One item
 * without a field the schema requires (a mapping without UUID, an alias without AliasArn) would otherwise fail the
 * final parse of the scan result, and the whole scan would be lost. The item is left out instead, and its call
 * gets a MalformedResponse error naming the field, so the analysis says unknown for what the item concerned.
 */
import type { z } from "zod";
import { describeIssue } from "@/lib/snapshot/read";
import { visibleText } from "@/lib/view/visible-text";
import { isNotFound, MalformedResponse } from "./errors";
import { plain } from "./plain";

/** Undefined when `value` fits `schema`; else the error to record, naming the first fields that do not fit. */
export function malformed(schema: z.ZodType, value: unknown, what: string): MalformedResponse | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues.slice(0, 3).map(describeIssue).join("; ");
  return new MalformedResponse(`${what} was left out: ${issues}`);
}

/** The items that fit `schema`; each other goes to `bad` with its error. `what` names an item in the message. */
export function wellFormed<T>(items: readonly T[], schema: z.ZodType, what: (item: T) => string, bad: (e: MalformedResponse, item: T) => void): T[] {
  return items.filter((item) => {
    const e = malformed(schema, item, what(item));
    if (e) bad(e, item);
    return !e;
  });
}

/**
 * "<kind> <name>" when the item's name is text, else "<kind> without <field>": a malformed item may lack its name too.
 * The name is the endpoint's, perhaps crafted: its line breaks and escape sequences are shown as escapes, so the
 * message the CLI scan prints stays one line of what it says.
 */
export function itemName(kind: string, field: string, name: unknown): string {
  return typeof name === "string" && name !== "" ? `${kind} ${visibleText(name.slice(0, 200))}` : `${kind} without ${field}`;
}

/**
 * One per-function answer as the snapshot stores it: `prepare` (redaction) runs before anything keeps it, then it is
 * checked against `schema`. Undefined when the function no longer exists (deleted since it was listed: nothing to
 * judge); any other failure, a malformed answer included, is thrown for the caller to record.
 */
export async function perFunctionAnswer(send: () => Promise<unknown>, schema: z.ZodType, prepare?: (answer: Record<string, unknown>) => void): Promise<Record<string, unknown> | undefined> {
  let answer: Record<string, unknown>;
  try {
    answer = plain(await send()) as unknown as Record<string, unknown>;
  } catch (e: unknown) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  prepare?.(answer);
  const bad = malformed(schema, answer, "the answer");
  if (bad) throw bad;
  return answer;
}
