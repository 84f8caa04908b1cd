/**
 * How every API route refuses a query: 400 `{ "error": "invalid query", "issues": ["limit: Too big…", …] }`, one
 * line per zod issue, so clients read one shape whichever route they called.
 */
import { NextResponse } from "next/server";
import type { z } from "zod";

/** `field: message` per issue; `field` names the parameter when the schema validated only its value. */
export function queryIssues(error: z.ZodError, field?: string): string[] {
  return error.issues.map((i) => `${field ?? (i.path.join(".") || "query")}: ${i.message}`);
}

export function invalidQuery(issues: string[], headers?: Record<string, string>): NextResponse {
  return NextResponse.json({ error: "invalid query", issues }, { status: 400, ...(headers ? { headers } : {}) });
}
