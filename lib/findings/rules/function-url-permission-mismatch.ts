/**
 * function-url-permission-mismatch: URL callers that hold only one of the two actions a URL call needs
 * (`lambda:InvokeFunctionUrl` + `lambda:InvokeFunction`), so their calls fail (or will, when AWS's grace period
 * for pre-October-2025 URLs ends on 1 Nov 2026); and InvokeFunctionUrl grants left on a function with no URL.
 */
import { conditionValues, invokeActionsOf } from "@/lib/analysis/invokers";
import { functionQualifier } from "@/lib/analysis/arn";
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence, Finding, Severity } from "@/lib/analysis/types";
import type { EvaluationResult } from "@/lib/policy/types";
import { dedupe, missingActionEvidence, resultEvidence, statementEvidence, whereIs } from "../evidence";
import { statementLabel } from "../finding-id";
import { functionsWithData } from "../data-needs";
import { functionArgs, removePermissionCommand, shellArg, statementId } from "../remediation";
import { evaluateGrant, grantContext, isEffective, isUnresolvedPrincipal, policyGrants, targetName, type GrantPrincipal } from "../resource-grants";
import { SEVERITIES } from "@/lib/analysis/types";
import { INVOKE_ACTION, invokeRequirement, URL_ACTION, urlCallerAccess, type CallerValues, type UrlModel } from "@/lib/analysis/url-access";
import { isOpen } from "@/lib/policy/decision";
import type { Rule, RuleContext } from "../types";
import { functionFinding } from "../function-finding";

interface Problem {
  caller: string;
  /** AddPermission can name the caller (it cannot name a Federated or CanonicalUser principal). */
  addable: boolean;
  missing: string;
  severity: Severity;
  result: EvaluationResult;
  note: string;
  other: EvaluationResult;
}

/** A URL caller, with what its requests carry: for a grant's principal, the context its first URL grant was written for. */
interface UrlCaller {
  principal: GrantPrincipal;
  values?: CallerValues;
}

/**
 * Principals the URL's policy writes URL grants for (plus the public, for AuthType NONE), each asked as the invoker
 * list asks its grant (CloudFront for the distribution its grant names), so both say "lacks" where it lacks.
 */
function urlCallers(ctx: RuleContext, fn: FunctionModel, url: UrlModel): UrlCaller[] {
  const callers = new Map<string, UrlCaller>();
  if (url.config.AuthType === "NONE") {
    callers.set("*", { principal: { kind: "public", id: "*", label: "public callers", request: { type: "anonymous", id: "*" } } });
  }
  for (const g of policyGrants(fn, ctx.model.account, ctx.model.partition)) {
    if (g.qualifiedArn !== url.qualifiedArn || callers.has(g.principal.id)) continue;
    if (url.config.AuthType === "NONE" && g.principal.kind === "public") continue;
    const actions = invokeActionsOf(g.statement);
    const viaUrl = conditionValues(g.statement, "lambda:InvokedViaFunctionUrl").length > 0;
    if (actions.includes(URL_ACTION) || (actions.includes(INVOKE_ACTION) && viaUrl)) callers.set(g.principal.id, { principal: g.principal, values: grantContext(g) });
  }
  return [...callers.values()];
}

function problemsOf(ctx: RuleContext, fn: FunctionModel, url: UrlModel): Problem[] {
  const requirement = invokeRequirement(url, ctx.model.capturedAt);
  const problems: Problem[] = [];
  for (const { principal: caller, values } of urlCallers(ctx, fn, url)) {
    // Same-account callers of an AWS_IAM URL may hold an action in IAM instead: asked as the invoker list asks.
    const access = urlCallerAccess(ctx.model, fn, url, caller.request, ctx.canRole, values);
    const who = caller.id === "*" ? "public callers" : caller.label;
    const addable = !isUnresolvedPrincipal(caller);
    if (isOpen(access.url.decision) && !isOpen(access.invoke.decision)) {
      problems.push({
        caller: who,
        addable,
        missing: INVOKE_ACTION,
        severity: requirement === "required" ? "medium" : "low",
        result: access.invoke,
        other: access.url,
        note:
          requirement === "required"
            ? "calls fail: since October 2025 a URL call also needs lambda:InvokeFunction"
            : requirement === "exception"
              ? "the URL predates October 2025, so calls work until AWS's exception ends on 1 Nov 2026, then fail"
              : "calls fail unless the URL predates October 2025 (AWS's exception for older URLs ends on 1 Nov 2026)",
      });
    }
    if (isOpen(access.invoke.decision) && !isOpen(access.url.decision)) {
      problems.push({
        caller: who,
        addable,
        missing: URL_ACTION,
        severity: "medium",
        result: access.url,
        other: access.invoke,
        note: "calls through the URL fail: lambda:InvokeFunctionUrl is always required",
      });
    }
  }
  return problems;
}

function worst(severities: Severity[]): Severity {
  return severities.reduce((w, s) => (SEVERITIES.indexOf(s) < SEVERITIES.indexOf(w) ? s : w), "info" as Severity);
}

function mismatchFinding(rule: Rule, fn: FunctionModel, url: UrlModel, problems: Problem[]): Finding {
  const missing = [...new Set(problems.map((p) => p.missing))];
  const maybe = problems.every((p) => p.result.decision === "conditional" || p.other.decision === "conditional");
  const qualifier = functionQualifier(url.qualifiedArn);
  const evidence: Evidence[] = [
    {
      kind: "function-url",
      description: `Function URL ${url.config.FunctionUrl ?? url.qualifiedArn} (AuthType ${url.config.AuthType ?? "?"})`,
      source: { functionArn: url.qualifiedArn, operation: "GetFunctionUrlConfig" },
      document: url.config,
      highlight: ["AuthType"],
    },
    ...problems.flatMap((p) => [
      missingActionEvidence(p.missing, url.qualifiedArn, p.result, undefined, `URL callers (${p.caller})`),
      ...resultEvidence(p.other),
    ]),
  ];
  const principalFlag = (caller: string) => shellArg(caller === "public callers" ? "*" : caller.replace(/^account /, ""));
  return functionFinding({
    rule: rule.id,
    severity: worst(problems.map((p) => p.severity)),
    fn,
    about: url.qualifiedArn,
    title: `Function URL callers ${maybe ? "may " : ""}lack ${missing.join(", ")}`,
    conditional: maybe,
    detail:
      `The function URL of ${targetName(fn, url.qualifiedArn)} needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction for each caller. ` +
      problems.map((p) => `${p.caller} ${p.result.decision === "conditional" ? "may lack" : p.caller === "public callers" ? "lack" : "lacks"} ${p.missing}: ${p.note}.`).join(" "),
    evidence: dedupe(evidence),
    // Statement ids must be unique in a policy: one per caller and action, or the second command fails.
    remediation: problems
      .map((p) => {
        const other = p.missing === INVOKE_ACTION ? URL_ACTION : INVOKE_ACTION;
        const add =
          p.missing === INVOKE_ACTION
            ? `aws lambda add-permission${functionArgs(fn.arn, qualifier)} --statement-id ${statementIdFor("url-invoke", p.caller)} --action lambda:InvokeFunction --principal ${principalFlag(p.caller)} --invoked-via-function-url`
            : `aws lambda add-permission${functionArgs(fn.arn, qualifier)} --statement-id ${statementIdFor("url-access", p.caller)} --action lambda:InvokeFunctionUrl --principal ${principalFlag(p.caller)} --function-url-auth-type ${shellArg(url.config.AuthType ?? "AWS_IAM")}`;
        const removeOther = allowSids(p.other).map((sid) => removePermissionCommand(fn.arn, sid, qualifier)).join("\n");
        if (!p.addable) {
          return `Add ${p.missing} for ${p.caller} to the resource policy document of ${url.qualifiedArn} (PutResourcePolicy), or remove its grant: AddPermission cannot name a Federated or CanonicalUser principal.`;
        }
        if (p.caller !== "public callers") return add;
        // `*` on an IAM-authenticated URL is every principal of every AWS account (each writes its own IAM policy):
        // the leftover grant goes, rather than a second `*` one joining it.
        if (url.config.AuthType !== "NONE") {
          return `A grant to * on a URL with AuthType ${url.config.AuthType ?? "AWS_IAM"} would let any principal of any AWS account call it: remove the leftover grant of ${other} to * instead, and grant both actions to the callers that need them.\n${removeOther}`;
        }
        return (
          `Granting ${p.missing} to * makes the URL callable by anyone on the internet. If it should be public:\n${add}\n` +
          `If not, remove the grant of ${other} to * and require signed requests (update-function-url-config --auth-type AWS_IAM):\n${removeOther}`
        );
      })
      .filter((line, i, all) => all.indexOf(line) === i)
      .join("\n"),
  });
}

/** The Sids of the Allow statements behind an answer (never a Deny it also names). */
function allowSids(result: EvaluationResult): (string | undefined)[] {
  return [...new Set(result.statements.filter((st) => st.effect === "Allow").map((st) => st.sid))];
}

/** `url-invoke-public`, `url-invoke-123456789012-role-ci`, …: AddPermission statement ids allow ([a-zA-Z0-9-_.]+). */
function statementIdFor(prefix: string, caller: string): string {
  const who = caller === "public callers" ? "public" : caller.replace(/^account /, "").replace(/^arn:[^:]*:iam::/, "").replace(/[^a-zA-Z0-9-_.]/g, "-");
  return statementId(`${prefix}-${who}`);
}

/** InvokeFunctionUrl granted by name on a function, alias or version that has no URL. */
function orphanFindings(rule: Rule, ctx: RuleContext, fn: FunctionModel): Finding[] {
  const withUrl = new Set(fn.urls.map((u) => u.qualifiedArn));
  const out: Finding[] = [];
  for (const g of policyGrants(fn, ctx.model.account, ctx.model.partition)) {
    if (withUrl.has(g.qualifiedArn)) continue;
    if (!(g.statement.action ?? []).some((a) => a.toLowerCase() === URL_ACTION.toLowerCase())) continue;
    if (!isEffective(evaluateGrant(g, URL_ACTION))) continue;
    const label = statementLabel(g.statement);
    // A URL elsewhere (the function's, or an alias's) is what the grant was most likely meant for: say where it is, and
    // that Lambda asks that qualifier's own policy, so the grant does not open it.
    const elsewhere = fn.urls.map((u) => (u.qualifiedArn === fn.arn ? "the unqualified function" : targetName(fn, u.qualifiedArn)));
    const where = targetName(fn, g.qualifiedArn);
    out.push(functionFinding({
      rule: rule.id,
      severity: g.principal.kind === "public" ? "medium" : "low",
      fn,
      about: g.qualifiedArn,
      discriminator: `orphan/${label}/${g.principal.id}`,
      title:
        `lambda:InvokeFunctionUrl granted to ${g.principal.id === "*" ? "*" : g.principal.label} but ${where} has no function URL` +
        (elsewhere.length ? ` (${elsewhere.length === 1 ? "the URL is" : "the URLs are"} on ${elsewhere.join(", ")})` : ""),
      detail:
        `Statement ${label} grants ${g.principal.id} lambda:InvokeFunctionUrl on ${g.qualifiedArn}, where no function URL is configured. ` +
        (elsewhere.length
          ? `The function's URL is on ${elsewhere.join(", ")}: Lambda checks a call to a URL against the resource policy of the ` +
            `function or alias it is on, so this grant does not let ${g.principal.id} call it. `
          : "") +
        `It does nothing today, but a URL created later on ${where} would be open to ${g.principal.id} at once.`,
      evidence: [
        statementEvidence(g.policy, g.statement, `URL grant in ${whereIs(g.policy.source, g.statement)}`, [URL_ACTION, g.principal.id]),
      ],
      remediation: removePermissionCommand(fn.arn, g.statement.sid, functionQualifier(g.qualifiedArn)),
    }));
  }
  return out;
}

export const functionUrlPermissionMismatch: Rule = {
  id: "function-url-permission-mismatch",
  title: "Function URL permissions do not match",
  severity: "medium",
  needs: ["GetFunctionUrlConfig", "GetPolicy"],
  description:
    "A function URL whose callers hold only one of lambda:InvokeFunctionUrl and lambda:InvokeFunction (both required since October 2025), or an InvokeFunctionUrl grant with no URL configured.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      for (const url of fn.urls) {
        const problems = problemsOf(ctx, fn, url);
        if (problems.length) findings.push(mismatchFinding(this, fn, url, problems));
      }
      findings.push(...orphanFindings(this, ctx, fn));
    }
    return findings;
  },
};
