/**
 * Environment variable values never enter a snapshot (contract: snapshot.md). The scanner redacts before
 * writing; this runs again on every import, so a snapshot made by another tool is safe to store and show. So does
 * GetFunction's `Code.Location`, a presigned URL that downloads the function's code, and GetLayerVersion's
 * `Content.Location`, the same for a layer: the scanner never keeps either (lib/aws/images.ts; it reads no layer), and
 * another tool's answers held them whole.
 */
import type { Snapshot } from "./schema";

export const REDACTED = "<redacted>";

/** Redacts one FunctionConfiguration in place (the scanner calls it on each function as it arrives). */
export function redactFunctionEnvironment(fn: { Environment?: { Variables?: Record<string, string> | null } | null }): void {
  const vars = fn.Environment?.Variables;
  if (!vars) return;
  for (const name of Object.keys(vars)) vars[name] = REDACTED;
}

/** Nesting depth walked by recursion; deeper objects wait on a list, so no document can exhaust the call stack. */
const MAX_RECURSION = 200;

/** What the walk finds to redact: environment variable maps, and `Code` / `Content` objects holding a Location. */
interface Found {
  variables: Record<string, unknown>[];
  code: Record<string, unknown>[];
}

/**
 * Every `Environment.Variables` object of the snapshot (also spelled `environment.variables`, or under a list of
 * `Environment` blocks), wherever it is: ListFunctions items, the GetFunction /
 * GetFunctionConfiguration / ListVersionsByFunction responses snapshot.md lets other tools add, and fields of their
 * own outside `regions` (kept, and stored, as written); and every `Code` or `Content` with a Location, found on the
 * same walk.
 * Recursive (in document order): a quarter to a third faster than popping objects from a stack, last
 * child first, on the 10,000-function account.
 */
function redactable(root: unknown): Found {
  const found: Found = { variables: [], code: [] };
  const deferred: object[] = typeof root === "object" && root !== null ? [root] : [];
  while (deferred.length > 0) collectEnvironments(deferred.pop() as object, 0, found, deferred);
  return found;
}

function variablesOf(environment: unknown, found: Found): void {
  if (typeof environment !== "object" || environment === null) return;
  const e = environment as { Variables?: unknown; variables?: unknown };
  for (const vars of [e.Variables, e.variables]) {
    if (typeof vars === "object" && vars !== null && !Array.isArray(vars)) found.variables.push(vars as Record<string, unknown>);
  }
}

// for…in and index loops, not Object.entries: this visits every object of every region (~10 per function).
function collectEnvironments(node: object, depth: number, found: Found, deferred: object[]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item !== "object" || item === null) continue;
      if (depth < MAX_RECURSION) collectEnvironments(item, depth + 1, found, deferred);
      else deferred.push(item);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (typeof value !== "object" || value === null) continue;
    // Other tools spell it otherwise: AWS Config's items `environment.variables`, Terraform state a list of blocks.
    if (key.length === 11 && (key === "Environment" || key.toLowerCase() === "environment")) {
      if (Array.isArray(value)) for (const block of value) variablesOf(block, found);
      else variablesOf(value, found);
    } else if ((key === "Code" || key === "Content") && (value as { Location?: unknown }).Location !== undefined) found.code.push(value as Record<string, unknown>);
    if (depth < MAX_RECURSION) collectEnvironments(value, depth + 1, found, deferred);
    else deferred.push(value);
  }
}

export function redactEnvironment(snapshot: Snapshot): Snapshot {
  const { variables, code } = redactable(snapshot);
  for (const vars of variables) {
    for (const name of Object.keys(vars)) vars[name] = REDACTED;
  }
  for (const c of code) c.Location = REDACTED;
  return snapshot;
}

/** True when any environment value or code URL in the snapshot is not redacted (used by tests and the scanner). */
export function hasEnvironmentValues(snapshot: Snapshot): boolean {
  const { variables, code } = redactable(snapshot);
  return variables.some((vars) => Object.values(vars).some((v) => v !== REDACTED)) || code.some((c) => c.Location !== REDACTED);
}
