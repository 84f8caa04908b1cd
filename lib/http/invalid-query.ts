/**
 * How every API route refuses a query: 400 `{ "error": "invalid query", "issues": ["limit: Too big…", …] }` (lines
 * from query-issues.ts), so clients read one shape whichever route they called.
 */
import { NextResponse } from "next/server";

export { queryIssues } from "./query-issues";

export function invalidQuery(issues: string[], headers?: Record<string, string>): NextResponse {
  return NextResponse.json({ error: "invalid query", issues }, { status: 400, ...(headers ? { headers } : {}) });
}
