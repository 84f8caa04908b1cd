/**
 * The snapshot schema (schema.ts, zod) compiled by Ajv from zod's own JSON Schema output, for the success path.
 * zod builds a new copy of every object it validates; a 10,000-function snapshot is ~1 million objects, so
 * validating it with zod took as long as parsing the JSON (bench/analysis-worker.ts). Ajv checks the parsed value in
 * place, filling the schema's defaults, in a fifth of that. The schema is still defined once, in zod, and when
 * the check fails zod runs too and words the errors, so users see the same messages as before.
 */
import { Ajv } from "ajv";
import { z } from "zod";
import { SnapshotSchema } from "./schema";

/**
 * The compiled check, kept on globalThis: Next bundles this module into each route's server code, and compiling takes
 * ~1 s (3 s on two busy cores) of the server's one thread. Compiled by the first read, it held the first page's
 * stylesheet and polls that long; the dashboard server compiles it before it says it is ready (warm-up.ts), once for
 * every copy.
 */
const COMPILED = Symbol.for("lambda-permissions-graph.snapshot-shape-check");
type GlobalWithCheck = typeof globalThis & { [COMPILED]?: (value: unknown) => boolean };

function compile(): (value: unknown) => boolean {
  // `input`: the shape accepted on the way in, where fields with a default may be missing.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(SnapshotSchema, { io: "input" }) as Record<string, unknown>;
  // useDefaults: a missing field with a zod default gets it, as zod's output would have it.
  const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: false });
  return ajv.compile(schema);
}

/**
 * True when `value` has the snapshot's shape. Fills missing fields that have defaults into `value` itself, so
 * afterwards it is what `SnapshotSchema.parse` would have returned (a differential test holds the two together).
 */
export function hasSnapshotShape(value: unknown): boolean {
  return snapshotShapeCheck()(value);
}

/** The compiled check, compiled now if no copy of this module has compiled it yet. */
export function snapshotShapeCheck(): (value: unknown) => boolean {
  return ((globalThis as GlobalWithCheck)[COMPILED] ??= compile());
}
