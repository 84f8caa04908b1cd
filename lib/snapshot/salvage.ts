/**
 * A malformed answer about one resource (a function's policy, a queue's attributes, a key's grants: the maps keyed
 * by ARN under each region) no longer makes the whole snapshot unreadable: that answer is set aside and recorded in
 * `errors` as MalformedResponse, so the analysis says "unknown" for that resource, as for a call that failed
 * (snapshot.md: "the same holds for every per-function map"), and analyses the rest. A file from an emulator or
 * another tool with one odd field would otherwise lose every other function with it. Issues elsewhere (the function
 * list, the mappings, IAM, the top level) still refuse the file with the schema's own words: there, which resource
 * the odd value belongs to, and so what becomes unknown, is not certain.
 */
import { z } from "zod";
import { MALFORMED_RESPONSE, RegionDataSchema, type SnapshotError } from "./schema";

/** The region map's operations whose answers are kept per resource (`z.record`): each entry stands alone. */
const PER_RESOURCE = new Set(
  Object.entries(RegionDataSchema.shape)
    .filter(([, schema]) => schema instanceof z.ZodOptional && schema.unwrap() instanceof z.ZodRecord)
    .map(([operation]) => operation),
);

/** The answers set aside, as errors for the snapshot's `errors` list; none when an issue lies elsewhere. */
export interface Salvage {
  errors: SnapshotError[];
}

/**
 * Removes from `value` (in place) each per-resource answer one of `issues` lies in, records each in its `errors`, and
 * says what was removed; undefined, with `value` untouched, when any issue lies outside such an answer.
 */
export function setAsideMalformedAnswers(value: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Salvage | undefined {
  if (value.errors !== undefined && !Array.isArray(value.errors)) return undefined;
  const targets: { region: string; operation: string; target: string; issue: z.core.$ZodIssue }[] = [];
  for (const issue of issues) {
    const [root, region, operation, target] = issue.path;
    if (root !== "regions" || typeof region !== "string" || typeof operation !== "string" || !PER_RESOURCE.has(operation) || typeof target !== "string") return undefined;
    targets.push({ region, operation, target, issue });
  }
  const regions = value.regions as Record<string, Record<string, Record<string, unknown>>>;
  const errors: SnapshotError[] = [];
  const seen = new Set<string>();
  for (const { region, operation, target, issue } of targets) {
    const key = JSON.stringify([region, operation, target]);
    if (seen.has(key)) continue;
    seen.add(key);
    delete regions[region]![operation]![target];
    const field = issue.path.slice(4).map(String).join(".") || "the answer";
    errors.push({ region, operation, target, code: MALFORMED_RESPONSE, message: `${field}: ${issue.message} (set aside when the snapshot was read)` });
  }
  value.errors = [...((value.errors as unknown[] | undefined) ?? []), ...errors];
  return { errors };
}
