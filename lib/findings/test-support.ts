/**
 * Test helper: builder snapshot → parseSnapshot (as a user's file would be read) → account model → invokers →
 * rule context, then one rule's findings. Tests stay tables of snapshots and expectations.
 */
import { expect, it } from "vitest";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { functionInvokers } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/types";
import {
  FULL_AWS_ACCESS,
  SnapshotBuilder,
  type BuilderOptions,
  type FunctionOptions,
  type OrganizationOptions,
  type OrganizationPolicyOptions,
  type PermissionOptions,
} from "@/lib/snapshot/fixtures/builder";
import { deny, policy, type IamPolicyDocument, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { findingEvidenceProblems } from "@/lib/analysis/evidence-audit";
import { checkAtOnce, createRuleContext, runRules } from "./run";
import { RULES } from "./rules/registry";
import type { Rule, RuleContext } from "./types";
import { applyRemediation, remediationWays, type PlaceholderValues } from "./apply-remediation";
import { findingSubject, findingTarget } from "./finding-id";
import { grantFirst } from "./remediation";
import { analyzeSnapshot } from "@/lib/analysis/analyze";

export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "210987654321";
export const REGION = "us-east-1";

export function builder(opts: Partial<BuilderOptions> = {}): SnapshotBuilder {
  return new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z", ...opts });
}

/** The OU ACCOUNT sits in, under the organization's root r-a1b2. */
export const OU = "ou-a1b2-prod2222";

/**
 * An organization whose root and account allow everything (FullAWSAccess) and whose OU, between them, holds `ouScps`:
 * what the SCPs let through is what those let through.
 */
export function scpsOnOu(ouScps: OrganizationPolicyOptions[], extra: Partial<OrganizationOptions> = {}): OrganizationOptions {
  return { ous: [OU], scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: ouScps, [ACCOUNT]: [FULL_AWS_ACCESS] }, ...extra };
}

/** scpsOnOu with, beside FullAWSAccess, SCP ProtectData (p-protect1) denying `actions` on every resource, if any. */
export function scpsDenying(actions: string[]): OrganizationOptions {
  const protect = {
    id: "p-protect1",
    name: "ProtectData",
    document: { Version: "2012-10-17", Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: actions, Resource: "*" }] },
  };
  return scpsOnOu(actions.length ? [FULL_AWS_ACCESS, protect] : [FULL_AWS_ACCESS]);
}

/** A builder and the function a rule case is about. */
export interface FunctionSetup {
  b: SnapshotBuilder;
  fn: string;
}

/**
 * A builder holding one function in REGION that runs as role "app": nodejs22.x and nothing more unless `config` says
 * otherwise, in ACCOUNT unless `account` does.
 */
export function oneFunction(name: string, { account = ACCOUNT, ...config }: { account?: string } & Partial<Omit<FunctionOptions, "region" | "name" | "role">> = {}): FunctionSetup {
  const b = builder({ account });
  const fn = b.fn({ region: REGION, name, runtime: "nodejs22.x", role: b.role({ name: "app" }), ...config });
  return { b, fn };
}

/** `setup`'s function with a function URL of `authType`. */
export function withUrl(setup: () => FunctionSetup, authType: "NONE" | "AWS_IAM"): () => FunctionSetup {
  return () => {
    const s = setup();
    s.b.url(s.fn, { authType });
    return s;
  };
}

/** `setup`'s function whose policy could not be read (GetPolicy failed with `code`): what it grants is unknown. */
export function withPolicyUnread(setup: () => FunctionSetup, code: string, message: string): () => FunctionSetup {
  return () => {
    const s = setup();
    s.b.error({ operation: "GetPolicy", target: s.fn, code, message });
    return s;
  };
}

/**
 * Case builders over the function `setup` makes: `permissions` grants as AddPermission writes them; `policy` a
 * PutResourcePolicy document (statements AddPermission cannot write), each statement on the function unless it names
 * its own Resource.
 */
export function grantsOn(setup: () => FunctionSetup) {
  return {
    permissions:
      (...grants: PermissionOptions[]) =>
      (): SnapshotBuilder => {
        const { b, fn } = setup();
        for (const grant of grants) b.permission(fn, grant);
        return b;
      },
    policy:
      (...statements: IamStatement[]) =>
      (): SnapshotBuilder => {
        const { b, fn } = setup();
        b.resourcePolicy(fn, { Version: "2012-10-17", Statement: statements.map((st) => ({ Resource: fn, ...st })) });
        return b;
      },
  };
}

/**
 * `principal` let call InvokeFunction and the deprecated InvokeAsync, beside a Deny of InvokeFunction alone to everyone
 * with `denyFields` (Sid, Condition): the Deny leaves the async way in.
 */
export function asyncBesideSyncDeny(principal: IamStatement["Principal"], denyFields: Partial<IamStatement>): IamStatement[] {
  return [
    { Sid: "both", Effect: "Allow", Principal: principal, Action: ["lambda:InvokeFunction", "lambda:InvokeAsync"] },
    { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", ...denyFields },
  ];
}

/**
 * Every rule's findings on the snapshot (a builder's, or one built already such as the demo's), and the model they were
 * drawn from (data-unavailable names the rules it stops).
 */
export function allFindingsOf(from: SnapshotBuilder | SnapshotInput, patch?: SnapshotPatch): { model: RuleContext["model"]; findings: Finding[] } {
  const ctx = contextOfInput(inputOf(from, patch));
  return { model: ctx.model, findings: runRules(ctx) };
}

/** Edits the built snapshot before it is read (fields the builder derives, such as URL CreationTime). */
export type SnapshotPatch = (snapshot: SnapshotInput) => void;

export function contextOf(b: SnapshotBuilder, patch?: SnapshotPatch): RuleContext {
  return contextOfInput(inputOf(b, patch));
}

function inputOf(from: SnapshotBuilder | SnapshotInput, patch?: SnapshotPatch): SnapshotInput {
  // A patch edits a copy: a snapshot passed in built stays as its caller has it.
  const input = from instanceof SnapshotBuilder ? from.build() : patch ? structuredClone(from) : from;
  patch?.(input);
  return input;
}

function contextOfInput(input: SnapshotInput): RuleContext {
  // Through JSON text, exactly as a snapshot file is read.
  const snapshot = parseSnapshot(JSON.stringify(input));
  const model = buildAccountModel(snapshot);
  // The ways in the analysis gives the rules: the functions' own and the account's roles and users naming them.
  const { invokers, byIdentity } = functionInvokers(model);
  return createRuleContext(model, invokers, byIdentity.accountWide);
}

/**
 * One rule's findings; a rule built from others' findings (`derive`) gets them from a run of every rule. Every
 * finding's evidence is held to the snapshot it came from (lib/analysis/evidence-audit.ts), so each rule test is also
 * a test that its evidence cites statements, mappings and URLs where they are.
 */
export function findingsOf(rule: Rule, b: SnapshotBuilder, patch?: SnapshotPatch): Finding[] {
  const input = inputOf(b, patch);
  const ctx = contextOfInput(input);
  const findings = rule.derive ? runRules(ctx).filter((f) => f.rule === rule.id) : checkAtOnce(rule, ctx);
  const problems = findingEvidenceProblems(input, findings);
  if (problems.length) throw new Error(`evidence that misstates the snapshot:\n${problems.join("\n")}`);
  const unfixed = remediationsLeavingTheFinding(rule, input, findings);
  if (unfixed.length) throw new Error(`remediation that leaves its finding standing:\n${unfixed.join("\n")}`);
  const unordered = fixesFirstMismatches(findings);
  if (unordered.length) throw new Error(`fixes that come first, said and carried apart:\n${unordered.join("\n")}`);
  const unflagged = conditionalWordingMismatches(findings);
  if (unflagged.length) throw new Error(`"may" wording and conditional flag that disagree:\n${unflagged.join("\n")}`);
  return findings;
}

/** The wordings of a conditional answer: "may", "possibly", and function-url-public's "public if …", "narrowed by condition". */
const MAY = /\b(may|possibly)\b|\bif it\b|\bnarrowed by condition\b/i;
/** Rules whose own title says "may" use it as fixed wording for every finding, certain or not (confused-deputy). */
const FIXED_MAY = new Set(RULES.filter((r) => MAY.test(r.title)).map((r) => r.id));

/**
 * Findings whose title words a conditional answer without `conditional`, or the reverse. Readers take the flag, never
 * the wording; every rule test holds the two in step, so neither can drift from the other.
 */
export function conditionalWordingMismatches(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => !FIXED_MAY.has(f.rule) && MAY.test(f.title) !== (f.conditional === true))
    .map((f) => `${f.id}: "${f.title}" ${f.conditional ? "is flagged conditional" : "is not flagged conditional"}`);
}

/**
 * Findings whose remediation tells the user to carry out a rule's fixes first (grantFirst's words) without naming that
 * rule in `fixesFirst`, or the reverse: the round trip orders fixes by the field, the user by the text.
 */
export function fixesFirstMismatches(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => {
    const said = RULES.map((r) => r.id).filter((id) => f.remediation.includes(grantFirst(id)));
    const carried = [...new Set(f.fixesFirst ?? [])];
    const same = said.length === carried.length && said.every((id) => carried.includes(id));
    return same ? [] : [`${f.id}: the text says ${JSON.stringify(said)} first, fixesFirst ${JSON.stringify(carried)}`];
  });
}

/**
 * Each way a definite finding's remediation offers (apply-remediation.ts), carried out on a copy of the snapshot:
 * the finding must be gone after it, or left only as a conditional one. A conditional finding rests on what the snapshot cannot show, so no edit of it settles
 * that; a remediation whose commands cannot be carried out here (placeholders, prose only) is not checked.
 */
function remediationsLeavingTheFinding(rule: Rule, input: SnapshotInput, findings: Finding[]): string[] {
  const text = JSON.stringify(input);
  const out: string[] = [];
  let all: Finding[] | undefined;
  const everyFinding = () => (all ??= analyzeSnapshot(parseSnapshot(text)).findings);
  for (const f of findings) {
    if (f.conditional) continue;
    for (const way of remediationWays(f.remediation)) {
      const copy = JSON.parse(text) as SnapshotInput;
      let done: ReturnType<typeof applyRemediation>;
      try {
        done = applyAfterFirstFixes(copy, f, way, {}, everyFinding);
      } catch (e) {
        out.push(`${f.id}: refused: ${(e as Error).message} with\n${way}`);
        continue;
      }
      if ("skipped" in done) continue;
      const ctx = contextOfInput(copy);
      const after = rule.derive ? runRules(ctx).filter((g) => g.rule === rule.id) : checkAtOnce(rule, ctx);
      const subject = findingSubject(f.id);
      // Left conditional: what is left rests on what the snapshot cannot show (another account's policy).
      for (const g of after) if (findingSubject(g.id) === subject && !g.conditional) out.push(`${f.id}: "${g.title}" after\n${way}`);
    }
  }
  return out;
}

/**
 * A fix whose finding names rules whose fixes come first (`fixesFirst`: Lambda refuses its command otherwise), carried
 * out after them: those rules' findings on the same function, each by the first way it offers. A conditional one too:
 * it may name gaps that are certain beside the one it only may have, and Lambda refuses for those. Not carried out
 * when one of those is not.
 */
function applyAfterFirstFixes(copy: SnapshotInput, f: Finding, way: string, fill: PlaceholderValues, every: () => readonly Finding[]): ReturnType<typeof applyRemediation> {
  const named = f.fixesFirst ?? [];
  if (named.length > 0) {
    const fn = unqualified(findingTarget(f));
    for (const g of every().filter((x) => named.includes(x.rule) && unqualified(findingTarget(x)) === fn)) {
      const done = applyRemediation(copy, remediationWays(g.remediation)[0]!, fill);
      if ("skipped" in done) return { skipped: `the fix that comes first, of ${g.id}: ${done.skipped}` };
    }
  }
  return applyRemediation(copy, way, fill);
}

/** A finding's id with its function's version or alias dropped: the same finding on any version of the function. */
function unqualifiedId(f: Finding): string {
  const target = findingTarget(f);
  return `${f.rule}:${unqualified(target)}${f.id.slice(f.rule.length + 1 + target.length)}`;
}

/** A function ARN without its version or alias. */
function unqualified(arn: string): string {
  return arn.split(":").slice(0, 7).join(":");
}

/**
 * The round trip over a whole account: each way of each certain finding (one per rule and command kind when `sample`)
 * carried out on its own copy and the account analysed again. `left`: the finding still there (what is left
 * conditional rests on what the snapshot cannot show); `added`: findings the fix brought that were not there before and
 * that its text does not name; `moved`: findings that went with what the fix moved to another version of the function
 * (a grant republishing re-adds as the old version held it), gone from the old one: not the fix's doing, and still
 * there for their own fix. `fill`: values the test names for placeholders, so fixes holding them are carried out too.
 */
export function remediationRoundTrip(snapshot: SnapshotInput, sample = false, fill: PlaceholderValues = {}): { left: string[]; added: string[]; moved: string[]; applied: Record<string, number>; unchecked: string[] } {
  const text = JSON.stringify(snapshot);
  const seen = new Set<string>();
  const left: string[] = [];
  const added: string[] = [];
  const moved: string[] = [];
  const applied: Record<string, number> = {};
  const unchecked: string[] = [];
  const before = analyzeSnapshot(parseSnapshot(text)).findings;
  const ids = new Set(before.map((f) => f.id));
  for (const f of before.filter((g) => !g.conditional)) {
    const kind = `${f.rule} ${(f.remediation.match(/^aws \S+ \S+/gm) ?? []).join(" + ")}`;
    if (sample && seen.has(kind)) continue;
    for (const way of remediationWays(f.remediation)) {
      const copy = JSON.parse(text) as SnapshotInput;
      let done: ReturnType<typeof applyRemediation>;
      try {
        done = applyAfterFirstFixes(copy, f, way, fill, () => before);
      } catch (e) {
        // AWS refuses a command (a Sid the policy lacks, a role that cannot poll the source): the finding stays.
        left.push(`${f.id}: refused: ${(e as Error).message} with\n${way}`);
        continue;
      }
      if ("skipped" in done) {
        unchecked.push(`${f.id}: ${done.skipped}`);
        continue;
      }
      seen.add(kind);
      applied[f.rule] = (applied[f.rule] ?? 0) + 1;
      const after = analyzeSnapshot(parseSnapshot(JSON.stringify(copy))).findings;
      const stillThere = new Set(after.map((g) => g.id));
      for (const g of after) {
        if (findingSubject(g.id) === findingSubject(f.id) && !g.conditional) left.push(`${f.id}: "${g.title}" after\n${way}`);
        // A finding the fix says it leaves (by its rule) is no surprise to the user who applies it.
        else if (!ids.has(g.id) && !f.remediation.includes(g.rule)) {
          const from = before.find((h) => h.rule === g.rule && !stillThere.has(h.id) && unqualifiedId(h) === unqualifiedId(g));
          if (from) moved.push(`${f.id}: moved ${from.id} to ${g.id}`);
          else added.push(`${f.id}: brought ${g.id} "${g.title}" with\n${way}`);
        }
      }
    }
  }
  return { left, added, moved, applied, unchecked };
}

/** A snapshot-building case for table tests: `build` returns the builder; `expect` the titles (or []). */
export interface RuleCase {
  name: string;
  build: () => SnapshotBuilder;
  patch?: SnapshotPatch;
  /** Expected finding titles, in order; [] when the rule must not fire. */
  titles: string[];
  /** Expected severities, in the same order, when the case is about severity. */
  severities?: string[];
  /** Texts the first finding's detail must hold: what its title shortens, counts or leaves out. */
  inDetail?: string[];
}

/** Sets CreationTime of every function URL in the snapshot. */
export function urlCreatedAt(iso: string): SnapshotPatch {
  return (s) => {
    for (const region of Object.values(s.regions ?? {})) {
      for (const url of Object.values(region.GetFunctionUrlConfig ?? {})) url.CreationTime = iso;
    }
  };
}

/**
 * One test per case, named by it in full ("$name" would quote and cut it short): the rule's titles in order, and the
 * severities and detail texts the case names.
 */
export function testRuleCases(rule: Rule, cases: readonly RuleCase[]): void {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const got = outcome(rule, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
    for (const text of c.inDetail ?? []) expect(got.findings[0]?.detail).toContain(text);
  });
}

/** Runs a rule over a case and returns a compact view for assertions. */
export function outcome(rule: Rule, c: RuleCase): { titles: string[]; severities: string[]; findings: Finding[] } {
  const findings = findingsOf(rule, c.build(), c.patch);
  return { titles: findings.map((f) => f.title), severities: findings.map((f) => f.severity), findings };
}

/**
 * A common guard against stolen credentials: deny every request that does not come from a function, i.e. carries no
 * lambda:SourceFunctionArn. Lambda's own requests outside the function (pollers, ENIs, deliveries) carry none.
 */
export const DENY_WITHOUT_SOURCE_FUNCTION: IamPolicyDocument = policy(
  deny("*", "*", { sid: "OnlyFromTheFunction", condition: { Null: { "lambda:SourceFunctionArn": "true" } } }),
);
