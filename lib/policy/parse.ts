/**
 * Normalises an IAM policy document into the shapes of types.ts
 * (reference_policies_grammar.html, reference_policies_elements_*.html). Accepts a URL-encoded JSON string
 * (IAM APIs via the JS SDK), a plain JSON string (Lambda GetPolicy) or an already parsed object.
 * Never throws: a document that cannot be read gives `{ ok: false, error }`, oddities give warnings.
 */
import { jsonTextBeyond, MAX_JSON_DEPTH } from "@/lib/json-text-limits";
import { settleRequestTime } from "./conditions/request-time";
import { otherCaseArnHead } from "./arn";
import { parsePrincipal } from "./parse-principal";
import { actionMemoOf, listHasVariables } from "./statement";
import type { ConditionClause, Effect, ParseResult, PolicyDocument, PolicySource, PrincipalSet, Statement } from "./types";

/** Far above IAM's own limits (6,144 characters managed, 20 KB resource policies). */
export const MAX_DOCUMENT_LENGTH = 1_000_000;
export const DEFAULT_VERSION = "2008-10-17";
const KNOWN_VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

const STATEMENT_ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const DOCUMENT_ELEMENTS = new Set(["Version", "Id", "Statement"]);

type Fail = { ok: false; error: string };
const fail = (error: string): Fail => ({ ok: false, error });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function tryJson(text: string): { ok: true; value: unknown } | Fail {
  if (jsonTextBeyond(text, MAX_JSON_DEPTH) !== undefined) return fail(`policy document is nested more than ${MAX_JSON_DEPTH} levels deep`);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e: unknown) {
    return fail(`policy document is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** String → JSON value: URL-decodes when it does not start with `{`, and undoes `&#34;` escaping. */
export function decodePolicyText(input: string): { ok: true; value: unknown } | Fail {
  if (input.length > MAX_DOCUMENT_LENGTH) return fail(`policy document is too large (${input.length} characters)`);
  let text = input.trim();
  if (text === "") return fail("policy document is empty");
  if (!text.startsWith("{")) {
    try {
      text = decodeURIComponent(text).trim();
    } catch {
      return fail("policy document is neither JSON nor valid URL-encoded text");
    }
  }
  let parsed = tryJson(text);
  if (!parsed.ok && text.includes("&#34;")) parsed = tryJson(text.replaceAll("&#34;", '"'));
  if (!parsed.ok && /%[0-9a-fA-F]{2}/.test(text)) {
    try {
      const decoded = tryJson(decodeURIComponent(text));
      if (decoded.ok) parsed = decoded;
    } catch {
      /* keep the JSON error */
    }
  }
  return parsed;
}

function stringList(v: unknown, element: string, where: string): string[] | Fail {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x): x is string => typeof x === "string")) return v;
  return fail(`${where}: ${element} must be a string or an array of strings`);
}

/**
 * One shared array per distinct Action list: accounts repeat the same lists in thousands of roles (templated
 * inline policies, every copy of a managed policy), and the evaluator caches what each list covers by its
 * identity (statement.ts). Statements are never mutated after parsing.
 */
const actionLists = new Map<string, string[]>();

function internActionList(list: string[]): string[] {
  if (list.some((a) => a.includes("\u0000"))) return list; // the key below could not tell such lists apart
  const key = list.join("\u0000");
  const known = actionLists.get(key);
  if (known) return known;
  if (actionLists.size >= 20_000) actionLists.clear();
  actionLists.set(key, list);
  return list;
}

function conditionValue(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  return undefined;
}

function parseCondition(v: unknown, where: string, capturedAt: string | undefined): ConditionClause[] | Fail {
  if (!isObject(v)) return fail(`${where}: Condition must be an object of operators`);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(v)) {
    if (!isObject(block)) return fail(`${where}: Condition operator ${operator} must map keys to values`);
    for (const [key, raw] of Object.entries(block)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map(conditionValue);
      if (values.includes(undefined)) {
        return fail(`${where}: Condition ${operator} ${key} values must be strings, numbers or booleans`);
      }
      const clause: ConditionClause = { operator, key, values: values as string[] };
      const settled = capturedAt === undefined ? undefined : settleRequestTime(clause, capturedAt);
      if (settled !== undefined) clause.settled = settled;
      clauses.push(clause);
    }
  }
  // Kept by the model for every conditional statement: without the room for 16 more a push-grown array keeps.
  return clauses.slice();
}

function pair(
  s: Record<string, unknown>,
  positive: string,
  negative: string,
  where: string,
  required: boolean,
): { pos?: string[]; neg?: string[] } | Fail {
  const hasPos = s[positive] !== undefined;
  const hasNeg = s[negative] !== undefined;
  if (hasPos && hasNeg) return fail(`${where}: has both ${positive} and ${negative}`);
  if (required && !hasPos && !hasNeg) return fail(`${where}: needs ${positive} or ${negative}`);
  if (hasPos) {
    const l = stringList(s[positive], positive, where);
    return "ok" in l ? l : { pos: l };
  }
  if (hasNeg) {
    const l = stringList(s[negative], negative, where);
    return "ok" in l ? l : { neg: l };
  }
  return {};
}

function parseStatement(raw: unknown, index: number, warnings: string[], reading: Reading): Statement | Fail {
  const where = `Statement[${index}]`;
  if (!isObject(raw)) return fail(`${where} must be an object`);
  for (const k of Object.keys(raw)) {
    if (!STATEMENT_ELEMENTS.has(k)) warnings.push(`${where}: unknown element ${JSON.stringify(k)} ignored`);
  }
  const effect = raw.Effect;
  if (effect !== "Allow" && effect !== "Deny") {
    return fail(`${where}: Effect must be "Allow" or "Deny", got ${effect === undefined ? "nothing" : JSON.stringify(effect)}`);
  }
  const actions = pair(raw, "Action", "NotAction", where, true);
  if ("ok" in actions) return actions;
  const resources = pair(raw, "Resource", "NotResource", where, false);
  if ("ok" in resources) return resources;
  let sid: string | undefined;
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid === "string") sid = raw.Sid;
    else if (typeof raw.Sid === "number") {
      sid = String(raw.Sid);
      warnings.push(`${where}: Sid is a number`);
    } else return fail(`${where}: Sid must be a string`);
  }
  const action = actions.pos && internActionList(actions.pos);
  const notAction = actions.neg && internActionList(actions.neg);
  const actionList = action ?? notAction;
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) return fail(`${where}: has both Principal and NotPrincipal`);
  const principal = raw.Principal === undefined ? undefined : parsePrincipal(raw.Principal, `${where}.Principal`, reading.partition);
  if (principal && !principal.ok) return principal;
  const notPrincipal = raw.NotPrincipal === undefined ? undefined : parsePrincipal(raw.NotPrincipal, `${where}.NotPrincipal`, reading.partition);
  if (notPrincipal && !notPrincipal.ok) return notPrincipal;
  for (const w of (principal ?? notPrincipal)?.warnings ?? []) warnings.push(w);
  let conditions: ConditionClause[] = [];
  if (raw.Condition !== undefined) {
    const c = parseCondition(raw.Condition, where, reading.capturedAt);
    if ("ok" in c) return c;
    conditions = c;
  }
  // Every field written at once, absent ones as undefined: ~24,000 statements per 10,000-function account, and
  // adding the optional ones one by one cost more than the rest of the parse (and gave the evaluator's reads of
  // them one shape per combination). The order is the one JSON output and earlier code had.
  const statement: Statement = {
    index,
    effect: effect as Effect,
    conditions,
    raw,
    sid,
    action,
    notAction,
    actionMemo: actionList && actionMemoOf(actionList),
    resource: resources.pos,
    notResource: resources.neg,
    resourceVariables: listHasVariables(resources.pos ?? resources.neg ?? []),
    resourceOtherCase: (resources.pos ?? resources.neg ?? []).some(otherCaseArnHead),
    principal: principal?.set as PrincipalSet | undefined,
    notPrincipal: notPrincipal?.set as PrincipalSet | undefined,
  };
  return statement;
}

function parseObject(doc: unknown, source: PolicySource, reading: Reading): ParseResult {
  if (!isObject(doc)) return fail("policy document must be a JSON object");
  const warnings: string[] = [];
  for (const k of Object.keys(doc)) {
    if (!DOCUMENT_ELEMENTS.has(k)) warnings.push(`unknown top-level element ${JSON.stringify(k)} ignored`);
  }
  let version = DEFAULT_VERSION;
  if (doc.Version !== undefined) {
    if (typeof doc.Version !== "string") return fail("Version must be a string");
    version = doc.Version;
    if (!KNOWN_VERSIONS.has(version)) warnings.push(`unknown Version ${JSON.stringify(version)}; policy variables stay literal`);
  }
  if (doc.Id !== undefined && typeof doc.Id !== "string") warnings.push("Id is not a string; ignored");
  const rawStatements = doc.Statement;
  if (rawStatements === undefined) return fail("policy document has no Statement");
  const list = Array.isArray(rawStatements) ? rawStatements : isObject(rawStatements) ? [rawStatements] : undefined;
  if (list === undefined) return fail("Statement must be an object or an array of objects");
  if (list.length === 0) warnings.push("Statement is empty");
  const statements: Statement[] = [];
  for (let i = 0; i < list.length; i++) {
    const st = parseStatement(list[i], i, warnings, reading);
    if ("ok" in st) return st;
    statements.push(st);
  }
  // A copy without the room for 16 more a push-grown array keeps: the model keeps ~16,000 documents.
  const policy: PolicyDocument = { version, statements: statements.slice(), source, raw: doc };
  if (typeof doc.Id === "string") policy.id = doc.Id;
  return { ok: true, policy, warnings };
}

/** Where a document is read: the snapshot it comes from (its `partition` and `capturedAt` fields) will do. */
export interface PolicyReading {
  /** The partition of the account holding the document: a bare account id in a Principal names its root. Default "aws". */
  partition?: string;
  /** When the snapshot was taken: conditions on the request's time that this already decides are settled. */
  capturedAt?: string;
}

type Reading = { partition: string; capturedAt: string | undefined };

/** Parses a policy document from a URL-encoded string, a JSON string or an object. Never throws. */
export function parsePolicyDocument(input: unknown, source: PolicySource, { partition = "aws", capturedAt }: PolicyReading = {}): ParseResult {
  const reading: Reading = { partition, capturedAt };
  try {
    if (typeof input === "string") {
      const decoded = decodePolicyText(input);
      if (!decoded.ok) return decoded;
      return parseObject(decoded.value, source, reading);
    }
    // Emulators and older tools leave a policy's document out altogether: say so, rather than blame its shape.
    if (input === undefined) return fail("the policy document is missing");
    return parseObject(input, source, reading);
  } catch (e: unknown) {
    // Defensive: exotic inputs (getters that throw, proxies) must not escape as exceptions.
    return fail(`policy document could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
