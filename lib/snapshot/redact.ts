/**
 * Environment variable values never enter a snapshot (contract: snapshot.md). The scanner redacts before
 * writing; this runs again on every import, so a snapshot made by another tool is safe to store and show.
 */
import type { Snapshot } from "./schema";

export const REDACTED = "<redacted>";

/** Redacts one FunctionConfiguration in place (the scanner calls it on each function as it arrives). */
export function redactFunctionEnvironment(fn: { Environment?: { Variables?: Record<string, string> | null } | null }): void {
  const vars = fn.Environment?.Variables;
  if (!vars) return;
  for (const name of Object.keys(vars)) vars[name] = REDACTED;
}

/**
 * Every `Environment.Variables` object under the snapshot's regions, wherever an operation put it: ListFunctions
 * items, and the GetFunction / GetFunctionConfiguration / ListVersionsByFunction responses snapshot.md lets other
 * tools add. Walks with an explicit stack: imported documents may nest deeper than the call stack allows.
 */
function environmentVariables(root: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const stack: object[] = typeof root === "object" && root !== null ? [root] : [];
  // for…in and index loops, not Object.entries: this visits every object of every region (~10 per function).
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === "object" && item !== null) stack.push(item);
      }
      continue;
    }
    for (const key in node) {
      const value = node[key];
      if (typeof value !== "object" || value === null) continue;
      if (key === "Environment") {
        const vars = (value as { Variables?: unknown }).Variables;
        if (typeof vars === "object" && vars !== null && !Array.isArray(vars)) found.push(vars as Record<string, unknown>);
      }
      stack.push(value);
    }
  }
  return found;
}

export function redactEnvironment(snapshot: Snapshot): Snapshot {
  for (const vars of environmentVariables(snapshot.regions)) {
    for (const name of Object.keys(vars)) vars[name] = REDACTED;
  }
  return snapshot;
}

/** True when any environment value in the snapshot is not redacted (used by tests and the scanner). */
export function hasEnvironmentValues(snapshot: Snapshot): boolean {
  for (const vars of environmentVariables(snapshot.regions)) {
    if (Object.values(vars).some((v) => v !== REDACTED)) return true;
  }
  return false;
}
