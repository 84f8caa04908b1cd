/**
 * public-invoke-privileged-role: anyone can invoke the function (a `public-invoke` finding, or a function URL open to
 * anyone: `function-url-public` at high, not its info form, whose policy narrows the callers) and the role it runs as
 * is admin or can escalate (`role-admin-access`, `role-privilege-escalation`): the internet → function → role →
 * everything. Built from those findings rather than by asking the evaluator again: the escalation rule is the most
 * expensive one, the evidence is by construction the same statements, and where their data was unread they did not
 * fire, so neither does this. Judged per function, and per alias or version whose public grant or URL runs as the
 * role that version was published with.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { rolesOfQualified } from "@/lib/analysis/runs-as";
import { dedupe } from "../evidence";
import { findingTarget } from "../finding-id";
import { functionFinding } from "../function-finding";
import { joinRemediations } from "../remediation";
import { targetName } from "../resource-grants";
import type { Rule, RuleContext, RuleFinding } from "../types";

const ROLE_RULES = new Set(["role-admin-access", "role-privilege-escalation"]);

/** A way in for anyone: the info form of function-url-public means the policy narrows who may call the URL. */
function isWayIn(f: RuleFinding): boolean {
  return f.rule === "public-invoke" || (f.rule === "function-url-public" && f.severity === "high");
}

interface RoleHalf {
  finding: RuleFinding;
  /** Lower is worse: the worst half words the title. */
  rank: number;
  /** "has full admin access", for "…, and its role has full admin access". */
  says: string;
  /** What an outsider gets through it, for the detail. */
  gives: string;
  /** The target may run as this role: its alias or version is not listed. */
  mayRunAs?: true;
}

/** `mayRunAs`: the target may run as the finding's role (its alias or version is unlisted), not surely. */
/** The ranks of "may" halves (roleHalf). */
const MAY_RANK = 4;

function roleHalf(finding: RuleFinding, mayRunAs = false): RoleHalf {
  if (finding.rule === "role-admin-access") {
    const gives = "every action on every resource of the account";
    if (finding.conditional || mayRunAs) return { finding, rank: 4, says: "may have full admin access", gives };
    // role-admin-access reports nearly-admin roles at high, certain: all but one or two admin probes allowed.
    return finding.severity === "critical"
      ? { finding, rank: 0, says: "has full admin access", gives }
      : { finding, rank: 2, says: "allows nearly everything", gives: "nearly every action on every resource of the account" };
  }
  const gives = "the role's ways to more power than it has";
  if (finding.conditional || mayRunAs) return { finding, rank: 5, says: "may escalate privileges", gives };
  // Critical when an allowed path reaches an admin role's permissions (role-privilege-escalation).
  return finding.severity === "critical"
    ? { finding, rank: 1, says: "can escalate to admin", gives: "the role's way to admin power" }
    : { finding, rank: 3, says: "can escalate privileges", gives };
}

/**
 * The role findings of every role the target (unqualified function, alias or version) runs as, worst first. An alias
 * or version the snapshot does not list (its list unread, or lacking it) may run as any role of the function's listed
 * versions or its current one: their findings are "may" halves.
 */
function roleHalves(ctx: RuleContext, fn: FunctionModel, target: string, byRole: Map<string, RuleFinding[]>): RoleHalf[] {
  const sure = new Set<string>();
  const maybe = new Set<string>();
  for (const r of rolesOfQualified(ctx.model, fn, target)) {
    if (!r.unlisted) {
      if (r.role) sure.add(r.role.arn);
      continue;
    }
    for (const arn of [fn.roleArn, ...fn.versions.map((v) => v.Role)]) if (arn) maybe.add(arn);
  }
  const halves = [...sure].flatMap((arn) => (byRole.get(arn) ?? []).map((f) => roleHalf(f)));
  for (const arn of maybe) if (!sure.has(arn)) halves.push(...(byRole.get(arn) ?? []).map((f) => ({ ...roleHalf(f, true), mayRunAs: true as const })));
  return halves.sort((a, b) => a.rank - b.rank);
}

function unique(texts: string[]): string[] {
  return [...new Set(texts)];
}

export const publicInvokePrivilegedRole: Rule = {
  id: "public-invoke-privileged-role",
  title: "Anyone can invoke a function whose role is admin or can escalate",
  severity: "critical",
  // What its ingredients need: a function missing either has neither finding, so none of this one. Without the URL
  // configuration the public-invoke half is still judged, a public URL is not; without the aliases, an alias's
  // grant or URL is judged against every role its version may run as.
  needs: ["GetPolicy", "GetAccountAuthorizationDetails", "GetFunctionUrlConfig", "ListAliases"],
  judgedWithout: ["GetFunctionUrlConfig", "ListAliases"],
  description:
    "A public way in (public-invoke, or a function URL open to anyone) meets an execution role with full admin access or a privilege-escalation path (role-admin-access, role-privilege-escalation) on one function, alias or version: anyone can run code with that power. A \"may\" when either half is one.",
  check() {
    return [];
  },
  derive(findings, ctx) {
    const byRole = new Map<string, RuleFinding[]>();
    const waysByFunction = new Map<string, RuleFinding[]>();
    for (const f of findings) {
      if (f.role && ROLE_RULES.has(f.rule)) byRole.set(f.role, [...(byRole.get(f.role) ?? []), f]);
      else if (f.function && isWayIn(f)) waysByFunction.set(f.function, [...(waysByFunction.get(f.function) ?? []), f]);
    }
    const out: RuleFinding[] = [];
    for (const fn of ctx.model.functions) {
      const byTarget = new Map<string, RuleFinding[]>();
      for (const way of waysByFunction.get(fn.arn) ?? []) {
        const target = findingTarget(way);
        byTarget.set(target, [...(byTarget.get(target) ?? []), way]);
      }
      for (const [target, found] of byTarget) {
        const halves = roleHalves(ctx, fn, target, byRole);
        if (halves.length === 0) continue;
        // Certain ways in first: the title says "can" when any is certain.
        const ways = [...found].sort((a, b) => Number(!!a.conditional) - Number(!!b.conditional));
        const wayMay = ways.every((w) => w.conditional);
        const roleMay = halves.every((h) => h.rank >= MAY_RANK);
        const roleFindingMay = halves.every((h) => h.finding.conditional);
        // Ranked so that every certain half comes before every "may" one.
        const worst = halves[0] as RoleHalf;
        const name = targetName(fn, target);
        out.push(functionFinding({
          rule: this.id,
          severity: wayMay || roleMay ? "high" : "critical",
          conditional: wayMay || roleMay,
          fn,
          about: target,
          title: `Anyone ${wayMay ? "may" : "can"} invoke ${name}, and its role ${worst.says}`,
          detail:
            `Two findings meet on ${name === "this function" ? fn.name : name} (${target}). The way in: ${ways.map((w) => `${w.title} (${w.id})`).join("; ")}. ` +
            `The role it runs as: ${halves.map((h) => `${h.finding.title} (${h.finding.id})`).join("; ")}. ` +
            `Whoever invokes it runs code with that role's permissions, so a flaw in the code or in its dependencies, or an input it trusts, ` +
            `hands an outsider ${worst.gives}.` +
            (wayMay || roleFindingMay
              ? ` Part of the path is a "may": it holds unless what ${wayMay && roleFindingMay ? "those findings" : wayMay ? "the way-in finding" : "the role finding"} name${wayMay && roleFindingMay ? "" : "s"} (unknown conditions, documents not read) rules it out.`
              : "") +
            (halves.some((h) => h.mayRunAs)
              ? ` ${name === "this function" ? fn.name : name} is not in the snapshot's alias or version list, so which version (and role) it runs is unknown: it may run as ${unique(halves.filter((h) => h.mayRunAs).map((h) => h.finding.role ?? "")).join(", ")}.`
              : ""),
          evidence: dedupe([...ways.flatMap((w) => w.evidence), ...halves.flatMap((h) => h.finding.evidence)]),
          remediation: joinRemediations([
            "Close the public way in first, or narrow it to the callers that need it:",
            ...unique(ways.map((w) => w.remediation)),
            "Then scope the role:",
            ...unique(halves.map((h) => h.finding.remediation)),
          ]),
        }));
      }
    }
    return out;
  },
};
