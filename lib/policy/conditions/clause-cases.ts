/**
 * Test-only helper: condition operator tables. Each case names the IAM doc rule it checks, the clause,
 * the request context (keys any case; `complete` unless said otherwise) and the expected three-valued result.
 */
import { expect, it } from "vitest";
import { makeContext } from "../context";
import type { Tri } from "../types";
import { evaluateClause } from "./evaluate";

export interface ClauseCase {
  name: string;
  operator: string;
  key: string;
  values: string[];
  context: Record<string, string | string[]>;
  complete?: boolean;
  version?: string;
  expected: Tri;
}

export function runClauseCases(cases: ClauseCase[]): void {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    // Given a clause and a request context
    const context = makeContext(c.context, c.complete ?? true);
    // When the clause is evaluated
    const e = evaluateClause({ operator: c.operator, key: c.key, values: c.values }, context, c.version ?? "2012-10-17");
    // Then the result is as IAM documents it, with a note explaining it
    expect(e.result, e.note).toBe(c.expected);
    expect(e.note.length).toBeGreaterThan(0);
  });
}

/** Shorthand: [name, operator, key, policy values, request value (undefined = absent), expected]. */
export function cases(
  rows: [string, string, string, string[], string | string[] | undefined, Tri][],
): ClauseCase[] {
  return rows.map(([name, operator, key, values, value, expected]) => ({
    name,
    operator,
    key,
    values,
    context: value === undefined ? {} : { [key]: value },
    expected,
  }));
}

/**
 * A policy value the operator cannot read is named in the note of a clause it fails (`invalid`), so the evidence
 * says why a condition can never hold; readable values add nothing.
 */
export function itNamesUnreadableValues(operator: string, unreadable: string, readable: string, request: string, message: string): void {
  it(`${operator}: names ${JSON.stringify(unreadable)} as unreadable in the note`, () => {
    const note = (values: string[]) => evaluateClause({ operator, key: "k", values }, makeContext({ k: request }, true), "2012-10-17").note;
    expect(note([unreadable, readable])).toContain(` (${JSON.stringify(unreadable)} ${message})`);
    expect(note([readable])).not.toContain(message);
  });
}
