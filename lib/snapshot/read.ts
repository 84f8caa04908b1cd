/**
 * Reading a snapshot: bytes → JSON → validated `Snapshot`, with environment values redacted.
 * Every failure is a `SnapshotReadError` whose message says what is wrong and what to do, because this is the
 * edge where users hand us files (CLI, upload, store).
 */
import { gunzip, gunzipSync } from "node:zlib";
import { promisify } from "node:util";
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_PREFIX, SnapshotSchema, type Snapshot } from "./schema";
import { redactEnvironment } from "./redact";
import { hasSnapshotShape } from "./shape-check";
import { setAsideMalformedAnswers } from "./salvage";
import { setAsideVersionRoles, type SetAside } from "./salvage-lists";
import type { SetAsideEntry } from "./set-aside";
import { jsonTextBeyondSteps, MAX_JSON_DEPTH } from "@/lib/json-text-limits";
import { ANOTHER_TURN, runInTurns, runToEnd, type AnotherTurn } from "@/lib/steps";

const gunzipOnPool = promisify(gunzip);
/**
 * Each chunk of output is one trip to the thread pool and back through the event loop: at zlib's default 16 KiB a 24 MB
 * snapshot took ~1,500 trips and 2-3 times as long as at once; at 256 KiB, ~100 trips and about as long.
 */
const POOL_GUNZIP_CHUNK = 256 * 1024;

/**
 * Marks this error in every copy of this module. Next bundles the module into each route's server code, and the store
 * (kept on globalThis, lib/store/app-store.ts) throws the copy of whichever route made it first: `instanceof` another
 * route's copy was false, and a page crashed where it should say the stored snapshot could not be read.
 */
const BRAND = Symbol.for("lambda-permissions-graph.snapshot-read-error");

export class SnapshotReadError extends Error {
  override name = "SnapshotReadError";
  readonly [BRAND] = true;

  /** `instanceof` checks the mark, so an error thrown by any copy of this class is one of every copy. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}

/** Larger inputs are refused before parsing; a 10,000-function account is well below this. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * How much larger than its gzip a snapshot may be. Account snapshots compress about 10:1 (the demo 9.9, the benchmark
 * accounts 10.6); a gzip bomb does ~1,000:1, and a 500 KB one decompressed to 500 MB held the server's one thread
 * for 18 s. Below MIN_GZIP_ALLOWANCE of output the ratio is not asked: tiny files compress erratically.
 */
export const MAX_GZIP_RATIO = 100;
const MIN_GZIP_ALLOWANCE = 1024 * 1024;

export interface SnapshotBytesOptions {
  /**
   * The bytes are a file the snapshot store gzipped itself from a snapshot it had read: held to MAX_SNAPSHOT_BYTES but
   * not to MAX_GZIP_RATIO, which is for a user's gzip (upload, CLI). A plain JSON upload holding a long run of one
   * character was stored at over 100:1 and then refused at every read: "Stored", and never to be opened.
   */
  ownFile?: boolean;
}

/** The bound zlib inflates `bytes` within, and the SnapshotReadError its failure reads as: one for every reader. */
function gunzipBound(bytes: Uint8Array, label: string, options: SnapshotBytesOptions) {
  const allowance = options.ownFile ? MAX_SNAPSHOT_BYTES : Math.max(MIN_GZIP_ALLOWANCE, MAX_GZIP_RATIO * bytes.length);
  // A limit on inflating, not a check after it: zlib stops at the first chunk past it, so a bomb is never held whole.
  const maxOutputLength = Math.min(MAX_SNAPSHOT_BYTES, allowance);
  const refusal = (e: unknown): SnapshotReadError => {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      return new SnapshotReadError(
        maxOutputLength === MAX_SNAPSHOT_BYTES
          ? `${label}: decompresses to more than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB, far more than an account snapshot; refusing to load it`
          : `${label}: decompresses to more than ${MAX_GZIP_RATIO} times its ${(bytes.length / 1024).toFixed(0)} KiB, where account snapshots compress about 10:1; refusing to load it`,
      );
    }
    return new SnapshotReadError(`${label}: not a valid gzip file (${e instanceof Error ? e.message : String(e)})`);
  };
  return { maxOutputLength, refusal };
}

/** Plain JSON bytes as text, held to MAX_SNAPSHOT_BYTES. */
function plainBytesToText(data: Uint8Array, label: string): string {
  if (data.length > MAX_SNAPSHOT_BYTES) {
    throw new SnapshotReadError(`${label}: larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
  }
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  // A UTF-8 byte order mark (Windows editors, PowerShell's Out-File) is not JSON; drop it rather than refuse the file.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decode bytes (plain or gzipped JSON) to text, at once: for callers that are sync (the CLI's read). */
export function snapshotBytesToText(bytes: Uint8Array, label = "snapshot", options: SnapshotBytesOptions = {}): string {
  if (!isGzip(bytes)) return plainBytesToText(bytes, label);
  const { maxOutputLength, refusal } = gunzipBound(bytes, label, options);
  let data: Uint8Array;
  try {
    data = gunzipSync(bytes, { maxOutputLength });
  } catch (e: unknown) {
    throw refusal(e);
  }
  return plainBytesToText(data, label);
}

/**
 * `snapshotBytesToText`, gunzipping on libuv's thread pool: inflating a stored 10,000-function file (2.3 MB → 24 MB)
 * held the server's one thread for ~150-650 ms under load, when the report was opened.
 */
export async function snapshotBytesToTextOffThread(bytes: Uint8Array, label = "snapshot", options: SnapshotBytesOptions = {}): Promise<string> {
  if (!isGzip(bytes)) return plainBytesToText(bytes, label);
  const { maxOutputLength, refusal } = gunzipBound(bytes, label, options);
  let data: Uint8Array;
  try {
    data = await gunzipOnPool(bytes, { maxOutputLength, chunkSize: POOL_GUNZIP_CHUNK });
  } catch (e: unknown) {
    throw refusal(e);
  }
  return plainBytesToText(data, label);
}

/**
 * JSON objects and arrays a snapshot may hold: ~30 times the 10,000-function benchmark account (~150,000). Bytes
 * alone do not bound memory: `[{},{},…]` costs ~20 bytes of heap per byte of text, so a 20 KB gzip upload of it
 * took 430 MB and a slightly larger one exhausted the heap, which no catch survives.
 */
export const MAX_JSON_CONTAINERS = 5_000_000;

/** Refuses, before JSON.parse allocates anything, text with too many objects and arrays or nested too deep to be stored. */
function* refuseHostileJson(text: string, label: string): Generator<AnotherTurn, void> {
  const beyond = yield* jsonTextBeyondSteps(text, MAX_JSON_DEPTH, MAX_JSON_CONTAINERS);
  if (beyond === "containers") {
    throw new SnapshotReadError(
      `${label}: holds more than ${MAX_JSON_CONTAINERS.toLocaleString("en-US")} JSON objects and arrays, far more than an account snapshot has; refusing to load it`,
    );
  }
  if (beyond === "depth") {
    throw new SnapshotReadError(`${label}: nested more than ${MAX_JSON_DEPTH} levels deep, far deeper than an account snapshot; refusing to load it`);
  }
}

/** One schema issue as `path: message`, naming the field (also for the scanner's per-item checks, lib/aws/items.ts). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join(".") : "(top level)";
  return `${path}: ${issue.message}`;
}

/** A snapshot as read, and what was set aside to read it (salvage.ts): empty when the whole file fitted the schema. */
export interface ReadSnapshot {
  snapshot: Snapshot;
  setAside: SetAsideEntry[];
}

/**
 * Validate an already-parsed JSON value. It becomes the snapshot: defaults are filled in and environment values
 * redacted in `value` itself (no copy of a large account is made), so pass a value you own.
 */
export function parseSnapshotValue(value: unknown, label = "snapshot"): Snapshot {
  return readSnapshotValue(value, label).snapshot;
}

/**
 * What to do about a file that is no snapshot: a newcomer's first try is often the AWS CLI's own JSON, which the
 * field names alone do not tell apart from a broken snapshot.
 */
const GIVE_A_SNAPSHOT = "give a snapshot written by `scan --out` (docs/scan.md)";

/**
 * Why a major version other than 1 is refused, and what to do: upgrading helps only with a newer one. An older or
 * garbled one was told to upgrade too, which reads it no better; a scan writes version 1.
 */
function unreadVersion(major: string): string {
  const n = /^[0-9]+$/.test(major) ? Number(major) : NaN;
  if (n > 1) return "is not supported by this version (it reads version 1); upgrade Lambda Permissions Graph";
  const what = n < 1 ? "is older than version 1, the one this version reads" : "is not a version number (this version reads version 1)";
  return `${what}; scan the account again (\`scan --out\`, docs/scan.md)`;
}

/** `parseSnapshotValue`, saying also what was set aside. */
export function readSnapshotValue(value: unknown, label = "snapshot"): ReadSnapshot {
  return runToEnd(readSnapshotValueSteps(value, label));
}

function* readSnapshotValueSteps(value: unknown, label: string): Generator<AnotherTurn, ReadSnapshot> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SnapshotReadError(`${label}: expected a JSON object with a "format" field, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}; ${GIVE_A_SNAPSHOT}`);
  }
  const format = (value as Record<string, unknown>).format;
  if (typeof format !== "string") {
    throw new SnapshotReadError(`${label}: missing "format"; expected "${SNAPSHOT_FORMAT}"; ${GIVE_A_SNAPSHOT}`);
  }
  if (!format.startsWith(SNAPSHOT_FORMAT_PREFIX)) {
    throw new SnapshotReadError(`${label}: "format" is "${format.slice(0, 80)}", not a Lambda Permissions Graph snapshot (expected "${SNAPSHOT_FORMAT}"); ${GIVE_A_SNAPSHOT}`);
  }
  const major = format.slice(SNAPSHOT_FORMAT_PREFIX.length).split(".")[0] ?? "";
  if (major !== "1") throw new SnapshotReadError(`${label}: snapshot format version "${format.slice(SNAPSHOT_FORMAT_PREFIX.length, 40)}" ${unreadVersion(major)}`);
  // Before the schema: a value that is no string (a number, null) is a value all the same, and once redacted the
  // function fits; checked first, such a function was set aside whole and read as unknown for a field never analysed.
  redactEnvironment(value as Snapshot);
  yield ANOTHER_TURN;
  // The fast in-place check first; zod only when it fails, to say why in the schema's own words.
  if (hasSnapshotShape(value)) return withVersionRoles(value as Snapshot, []);
  const parsed = SnapshotSchema.safeParse(value);
  if (parsed.success) return withVersionRoles(parsed.data, []);
  const salvage = setAsideMalformedAnswers(value as Record<string, unknown>, parsed.error.issues);
  if (salvage) {
    const retried = SnapshotSchema.safeParse(value);
    if (retried.success) return withVersionRoles(retried.data, salvage.setAside);
  }
  const issues = parsed.error.issues.slice(0, 3).map(describeIssue).join("; ");
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : "";
  throw new SnapshotReadError(`${label}: invalid snapshot: ${issues}${more}`);
}

/** The snapshot with its published versions' crafted Roles set aside too (outside the schema, so after it). */
function withVersionRoles(snapshot: Snapshot, setAside: readonly SetAside[]): ReadSnapshot {
  return { snapshot, setAside: [...setAside, ...setAsideVersionRoles(snapshot)].map((s) => s.entry) };
}

/**
 * V8's JSON.parse message, unless it quotes the text (`Unexpected token 'h', ..."PASSWORD":hunter2"... is not valid
 * JSON`): a value left unquoted would put part of an environment variable's value in CI logs (`analyze`), in the
 * uploader's error and on the page of a stored file that no longer reads. The messages with a position quote nothing.
 */
function jsonErrorWithoutText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/ is not valid JSON$/.test(message)) return "unexpected text, such as a value not in double quotes; it is not quoted here, as it may be a secret";
  return message.replace(/\s+/g, " ");
}

/** Parse JSON text, a Buffer (plain or gzipped), or an object (which is left as it was: the snapshot is a copy). */
export function parseSnapshot(input: unknown, label = "snapshot", options: SnapshotBytesOptions = {}): Snapshot {
  return readSnapshot(input, label, options).snapshot;
}

/** `parseSnapshot`, saying also what was set aside: the upload and the CLI tell the user. */
export function readSnapshot(input: unknown, label = "snapshot", options: SnapshotBytesOptions = {}): ReadSnapshot {
  return runToEnd(readSnapshotSteps(input, label, options));
}

/**
 * `readSnapshot` of a file's bytes, handing the event loop back between its steps (lib/steps.ts): the server read a
 * 10,000-function file (24 MB) in ~3 s at once, and answered nothing meanwhile, not even the stylesheet of the
 * waiting page it had just sent. No step is long but JSON.parse and the schema's check (a few hundred ms each there).
 */
export async function readSnapshotInTurns(bytes: Uint8Array, label = "snapshot", options: SnapshotBytesOptions = {}): Promise<ReadSnapshot> {
  // Gunzipped off the thread first; the steps then start from text (a Uint8Array would be gunzipped again, at once).
  return runInTurns(readSnapshotSteps(await snapshotBytesToTextOffThread(bytes, label, options), label, options));
}

function* readSnapshotSteps(input: unknown, label: string, options: SnapshotBytesOptions): Generator<AnotherTurn, ReadSnapshot> {
  let value: unknown = input;
  // The bytes are let go once they are text (a served file holds nothing else of them), and the text once parsed.
  input = undefined;
  if (value instanceof Uint8Array) {
    value = snapshotBytesToText(value, label, options);
    yield ANOTHER_TURN;
  } else if (typeof value === "object" && value !== null) {
    try {
      value = structuredClone(value);
    } catch (e: unknown) {
      throw new SnapshotReadError(`${label}: not plain data (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (typeof value === "string") {
    if (value.trim() === "") throw new SnapshotReadError(`${label}: the file is empty; ${GIVE_A_SNAPSHOT}`);
    yield* refuseHostileJson(value, label);
    yield ANOTHER_TURN;
    try {
      value = JSON.parse(value);
    } catch (e: unknown) {
      throw new SnapshotReadError(`${label}: not valid JSON (${jsonErrorWithoutText(e)})`);
    }
    yield ANOTHER_TURN;
  }
  return yield* readSnapshotValueSteps(value, label);
}

/** A snapshot file read as the server reads one: gunzipped off the thread, then parsed in turns. */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  return (await readSnapshotInTurns(await snapshotFileBytes(path), path)).snapshot;
}

/** A snapshot file's bytes, for `readSnapshot`; refused with a SnapshotReadError when too large, absent or not gzip. */
export async function snapshotFileBytes(path: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    // Refused before it is read: a file of gigabytes took its size in memory first (over 2 GiB, a cryptic error).
    if ((await stat(path)).size > MAX_SNAPSHOT_BYTES) throw new SnapshotReadError(`${path}: larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
    bytes = await readFile(path);
  } catch (e: unknown) {
    if (e instanceof SnapshotReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code ?? String(e);
    throw new SnapshotReadError(`${path}: cannot read (${why})`);
  }
  // A plain JSON snapshot named .gz is read as it is; anything else so named would be reported as bad JSON, about
  // bytes the user expected to be unpacked first.
  if (/\.gz$/i.test(path) && !isGzip(bytes) && !/^(\ufeff)?\s*(\{|$)/.test(bytes.subarray(0, 64).toString("utf8"))) {
    throw new SnapshotReadError(`${path}: named .gz but is not gzip data; give the file \`scan --out\` wrote, or gzip the snapshot again`);
  }
  return bytes;
}
