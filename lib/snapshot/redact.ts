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

export function redactEnvironment(snapshot: Snapshot): Snapshot {
  for (const region of Object.values(snapshot.regions)) {
    for (const fn of region.ListFunctions?.Functions ?? []) redactFunctionEnvironment(fn);
  }
  return snapshot;
}

/** True when any environment value in the snapshot is not redacted (used by tests and the scanner). */
export function hasEnvironmentValues(snapshot: Snapshot): boolean {
  return Object.values(snapshot.regions).some((region) =>
    (region.ListFunctions?.Functions ?? []).some((fn) =>
      Object.values(fn.Environment?.Variables ?? {}).some((v) => v !== REDACTED),
    ),
  );
}
