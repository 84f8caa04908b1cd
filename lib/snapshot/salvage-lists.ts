/**
 * Malformed entries of the snapshot's lists (salvage.ts): a region's ListFunctions and ListEventSourceMappings, and
 * IAM's GetAccountAuthorizationDetails lists. Each is removed and recorded as MalformedResponse against the id it
 * names, so the list reads as incomplete in the same terms as a failed call (lib/analysis/snapshot-gaps.ts), and one
 * odd function or role no longer loses the account.
 */
import { z } from "zod";
import { FunctionConfigurationSchema, GroupDetailSchema, MALFORMED_RESPONSE, ManagedPolicySchema, RegionDataSchema, RoleDetailSchema, UserDetailSchema, type SnapshotError } from "./schema";
import type { SetAsideEntry } from "./set-aside";

/** One answer or entry set aside: as the reader reports it, and as the snapshot's `errors` records it. */
export interface SetAside {
  entry: SetAsideEntry;
  error: SnapshotError;
}

/** Both records of one set-aside answer from the same parts, so what the reader reports and `errors` holds agree. */
export function setAsideRecord(field: string, about: Pick<SnapshotError, "region" | "operation" | "target">, reason: string): SetAside {
  return {
    entry: { field, ...(about.target ? { target: about.target } : {}), message: reason },
    error: { ...about, code: MALFORMED_RESPONSE, message: `${reason} (set aside when the snapshot was read)` },
  };
}

/**
 * The fields naming what an entry is about, first readable one wins; the error's `target`. A mapping is recorded
 * against its function, as a failed ListEventSourceMappings for that function is: its UUID would tie the gap to
 * nothing the analysis looks up, and the function's mappings would read as known (the UUID goes in the message).
 */
const TARGET_FIELDS: Record<string, readonly string[]> = {
  Functions: ["FunctionArn", "FunctionName"],
  // A published version by its own (qualified) ARN, so its gap is that version's, not the list's.
  Versions: ["FunctionArn"],
  EventSourceMappings: ["FunctionArn"],
  RoleDetailList: ["Arn", "RoleName"],
  UserDetailList: ["Arn", "UserName"],
  GroupDetailList: ["Arn", "GroupName"],
  Policies: ["Arn", "PolicyName"],
};

const MENTIONED_FIELDS: Record<string, string> = { EventSourceMappings: "UUID" };

/** Region operations whose answer is an object holding one list (ListFunctions: Functions), by operation. */
const REGION_LISTS = new Map(
  Object.entries(RegionDataSchema.shape).flatMap(([operation, schema]) => {
    const answer = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    if (!(answer instanceof z.ZodObject)) return [];
    const lists = Object.entries(answer.shape).filter(([, field]) => {
      const inner = field instanceof z.ZodDefault || field instanceof z.ZodOptional ? field.unwrap() : field;
      return inner instanceof z.ZodArray;
    });
    return lists.length === 1 ? [[operation, lists[0]![0]] as const] : [];
  }),
);

const IAM_LISTS = new Set(["RoleDetailList", "UserDetailList", "GroupDetailList", "Policies"]);

/** One entry of a list an issue lies in: the keys down to the list, the entry's index, and what the error names. */
export interface ListEntry {
  list: string[];
  index: number;
  region?: string;
  operation: string;
  issue: z.core.$ZodIssue;
}

/** The list entry `issue` lies in; undefined when it lies elsewhere (or is about a whole list). */
export function listEntry(issue: z.core.$ZodIssue): ListEntry | undefined {
  const [root, a, b, c, d] = issue.path;
  if (root === "regions" && typeof a === "string" && typeof b === "string" && typeof c === "string" && REGION_LISTS.get(b) === c && typeof d === "number") {
    return { list: ["regions", a, b, c], index: d, region: a, operation: b, issue };
  }
  if (root === "iam" && a === "GetAccountAuthorizationDetails" && typeof b === "string" && IAM_LISTS.has(b) && typeof c === "number") {
    return { list: ["iam", a, b], index: c, operation: a, issue };
  }
  return undefined;
}

/**
 * Removes each entry (in place, once however many issues lie in it) and returns it as set aside, its error naming
 * the region, the operation, the entry's id as `target` when readable, otherwise none, so the whole list counts as
 * incomplete. An entry whose only odd values lie in FIELDS_SET_ASIDE loses those fields instead, recorded against it.
 */
export function setAsideListEntries(value: Record<string, unknown>, issues: readonly ListEntry[]): SetAside[] {
  const byEntry = new Map<string, ListEntry[]>();
  for (const issue of issues) {
    const key = JSON.stringify([...issue.list, issue.index]);
    const found = byEntry.get(key);
    if (found) found.push(issue);
    else byEntry.set(key, [issue]);
  }
  const setAside: SetAside[] = [];
  const entries: ListEntry[] = [];
  for (const found of byEntry.values()) {
    const { list, index, region, operation } = found[0]!;
    const fields = setAsideFields(list, index, entryAt(value, found[0]!), found.map(({ issue }) => ({ path: issue.path.slice(list.length + 1), message: issue.message })), { ...(region ? { region } : {}), operation });
    if (fields) setAside.push(...fields);
    else entries.push(...found);
  }
  const byList = new Map<string, Map<number, ListEntry>>();
  for (const entry of entries) {
    const key = JSON.stringify(entry.list);
    const indices = byList.get(key) ?? new Map<number, ListEntry>();
    if (!indices.has(entry.index)) indices.set(entry.index, entry);
    byList.set(key, indices);
  }
  for (const indices of byList.values()) {
    const found = [...indices.values()];
    const list = listAt(value, found[0]!.list);
    for (const entry of found) setAside.push(recordFor(entry, list[entry.index]));
    // Highest index first, so each splice leaves the indices still to remove where they were.
    for (const index of [...indices.keys()].sort((x, y) => y - x)) list.splice(index, 1);
  }
  return setAside;
}

/**
 * Fields whose odd value costs that field alone, by list. A function whose execution role ARN IAM could never give is
 * still listed, so whoever may invoke it is known, and its role reads unknown for that reason (roleSetAside in
 * lib/analysis/account-model.ts), never absent; the region's list stays complete.
 */
const FIELDS_SET_ASIDE: Record<string, readonly string[]> = { Functions: ["Role"], Versions: ["Role"] };

/**
 * The published versions' Roles IAM could never give (ListVersionsByFunction, keyed by function ARN): each set aside
 * as a function's is (setAsideFields), in place, recorded against the version's ARN and added to `errors`, so the
 * version stays listed and only the role it runs as reads unknown. The map lies outside the snapshot schema (other
 * tools write other shapes), so it is read defensively here; a version naming no ARN of its function under its own
 * number is left as it is (lib/analysis/account-model.ts leaves out what does not read as a version).
 */
export function setAsideVersionRoles(snapshot: { regions: Record<string, unknown>; errors: SnapshotError[] }): SetAside[] {
  const setAside: SetAside[] = [];
  for (const [region, data] of Object.entries(snapshot.regions)) {
    const byFunction = isObject(data) ? data.ListVersionsByFunction : undefined;
    if (!isObject(byFunction)) continue;
    for (const [fnArn, answer] of Object.entries(byFunction)) {
      const versions = isObject(answer) ? answer.Versions : undefined;
      if (!Array.isArray(versions)) continue;
      versions.forEach((version: unknown, index) => {
        if (!isObject(version) || version.Role == null) return;
        const issues = ROLE_SCHEMA.safeParse(version.Role).error?.issues;
        if (issues) setAside.push(...(setAsideVersionFields(region, fnArn, index, version, issues.map((i) => ({ path: ["Role", ...i.path], message: i.message }))) ?? []));
      });
    }
  }
  snapshot.errors.push(...setAside.map((s) => s.error));
  return setAside;
}

/**
 * setAsideFields for the `index`th published version of `fnArn` in `region`, when it names its own ARN (that function's,
 * under its own number): a version claiming another's ARN would put its gap on that one. Undefined when it must go whole.
 * The scanner (lib/aws/collect.ts) asks it of each version it lists.
 */
export function setAsideVersionFields(region: string, fnArn: string, index: number, version: { Version?: unknown }, issues: readonly EntryIssue[]): SetAside[] | undefined {
  if (listEntryTarget("Versions", version) !== `${fnArn}:${String(version.Version)}`) return undefined;
  return setAsideFields(["regions", region, "ListVersionsByFunction", fnArn, "Versions"], index, version, issues, { region, operation: "ListVersionsByFunction" });
}

const ROLE_SCHEMA = FunctionConfigurationSchema.shape.Role;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listAt(value: Record<string, unknown>, list: readonly string[]): unknown[] {
  return list.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value) as unknown[];
}

function entryAt(value: Record<string, unknown>, { list, index }: ListEntry): unknown {
  return listAt(value, list)[index];
}

/** One issue of a list entry, its path from the entry. */
export interface EntryIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Removes (in place) the fields of one entry of `list` (its keys down from the snapshot's root) whose odd values cost
 * those fields alone, and returns them as set aside, recorded against the id the entry names: when every issue lies
 * in one of FIELDS_SET_ASIDE and that id is readable. Undefined when the entry must go whole. The scanner
 * (lib/aws/collect.ts) asks it of each function it lists, so a live scan keeps the functions reading the same answer
 * from a file keeps, with the same record.
 */
export function setAsideFields(list: readonly string[], index: number, entry: unknown, issues: readonly EntryIssue[], about: Pick<SnapshotError, "region" | "operation">): SetAside[] | undefined {
  const name = list[list.length - 1]!;
  const allowed = FIELDS_SET_ASIDE[name] ?? [];
  const fieldOf = ({ path }: EntryIssue) => (path.length === 1 && typeof path[0] === "string" && allowed.includes(path[0]) ? path[0] : undefined);
  const target = listEntryTarget(name, entry);
  if (issues.length === 0 || target === undefined || issues.some((i) => fieldOf(i) === undefined)) return undefined;
  const fields = new Map<string, string>();
  for (const i of issues) if (!fields.has(fieldOf(i)!)) fields.set(fieldOf(i)!, i.message);
  return [...fields].map(([field, message]) => {
    delete (entry as Record<string, unknown>)[field];
    return setAsideRecord([...list, index, field].join("."), { ...about, target }, `${name}.${index}.${field}: ${message}`);
  });
}

/** A text field of a list entry, when it is one and not empty: a malformed entry may hold anything. */
function readableField(entry: unknown, field: string): string | undefined {
  const value = entry !== null && typeof entry === "object" ? (entry as Record<string, unknown>)[field] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The id a malformed entry of `list` (Functions, RoleDetailList, …) is recorded against, first readable field of
 * TARGET_FIELDS; undefined when it names none, so the whole list reads as incomplete. The scanner (lib/aws/collect.ts)
 * records the entries it leaves out by it too, so a live scan and a file read give the same gaps.
 */
export function listEntryTarget(list: string, entry: unknown): string | undefined {
  const fields = TARGET_FIELDS[list] ?? [];
  if (!identityReadable(list, fields, entry)) return undefined;
  return fields.map((field) => readableField(entry, field)).find((id) => id !== undefined);
}

/** The schemas whose names and ARNs are checked (schema.ts), by list: their entries' ids must pass them to be targets. */
const IDENTITY_SCHEMAS: Record<string, { shape: Record<string, z.ZodType> }> = {
  Functions: FunctionConfigurationSchema,
  Versions: FunctionConfigurationSchema,
  RoleDetailList: RoleDetailSchema,
  UserDetailList: UserDetailSchema,
  GroupDetailList: GroupDetailSchema,
  Policies: ManagedPolicySchema,
};

/**
 * Whether an entry names nothing its service cannot have: each of its ids, where it is text, is one Lambda or IAM gives.
 * One that does not (`orders:prod`, a role name with a line break) would be recorded against what its ARN seems to
 * name (the function `orders`; a real role), or carry its crafted text into the gap's message: the entry is then
 * recorded against nothing, so its list reads as incomplete and whatever is missing from it as unknown.
 */
function identityReadable(list: string, fields: readonly string[], entry: unknown): boolean {
  const schema = IDENTITY_SCHEMAS[list];
  if (!schema) return true;
  return fields.every((field) => {
    const value = readableField(entry, field);
    return value === undefined || schema.shape[field]!.safeParse(value).success;
  });
}

function recordFor({ list, index, region, operation, issue }: ListEntry, entry: unknown): SetAside {
  const name = list[list.length - 1]!;
  const target = listEntryTarget(name, entry);
  const mentioned = MENTIONED_FIELDS[name] && readableField(entry, MENTIONED_FIELDS[name]);
  const field = [name, index, ...issue.path.slice(list.length + 1)].map(String).join(".");
  const about = mentioned ? ` (${MENTIONED_FIELDS[name]} ${mentioned})` : "";
  return setAsideRecord([...list, index].join("."), { ...(region ? { region } : {}), operation, ...(target ? { target } : {}) }, `${field}${about}: ${issue.message}`);
}
