/**
 * One line per zod issue of a refused query, `field: message`. Apart from invalid-query.ts because the CLI reads
 * report queries too, and importing next/server outside Next's runtime fails ("AsyncLocalStorage accessed in
 * runtime where it is not available").
 */
import type { z } from "zod";

/** `field` names the parameter when the schema validated only its value. */
export function queryIssues(error: z.ZodError, field?: string): string[] {
  return error.issues.map((i) => `${field ?? (i.path.join(".") || "query")}: ${i.message}`);
}
