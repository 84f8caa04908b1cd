/**
 * Environment variable values never enter a snapshot (contract: snapshot.md). The scanner redacts before
 * writing; this runs again on every import, so a snapshot made by another tool is safe to store and show.
 */
import type { Snapshot } from "./schema";

export const REDACTED = "<redacted>";

export function redactEnvironment(snapshot: Snapshot): Snapshot {
  for (const region of Object.values(snapshot.regions)) {
    for (const fn of region.ListFunctions?.Functions ?? []) {
      const vars = fn.Environment?.Variables;
      if (!vars) continue;
      for (const name of Object.keys(vars)) vars[name] = REDACTED;
    }
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
