/**
 * function-url-public: a function URL with `AuthType: NONE`. High when the function policy lets anyone through
 * (both URL actions, or InvokeFunctionUrl alone for URLs still in AWS's grace period); info when the policy
 * narrows callers by condition or admits none.
 */
import type { Finding } from "@/lib/analysis/types";
import { dedupe, dependsOnWhat, resultEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { targetName } from "../resource-grants";
import { invokeRequirement, urlCallDecision, urlCallerAccess, type UrlAccess } from "@/lib/analysis/url-access";
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Rule } from "../types";
import { functionQualifier } from "@/lib/analysis/arn";
import { functionFinding } from "../function-finding";
import { functionArgs, removePermissionCommand } from "../remediation";

export const functionUrlPublic: Rule = {
  id: "function-url-public",
  title: "Function URL without authentication",
  severity: "high",
  needs: ["GetFunctionUrlConfig", "GetPolicy"],
  description: "A function URL has AuthType NONE: anyone on the internet can call it unless the function policy narrows it.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      for (const url of fn.urls) {
        if (url.config.AuthType !== "NONE") continue;
        const access = urlCallerAccess(ctx.model, fn, url, { type: "anonymous", id: "*" });
        const requirement = invokeRequirement(url, ctx.model.capturedAt);
        const needsInvoke = requirement === "required";
        // The invoker list asks the same question (lib/analysis/invokers.ts): it must not see another answer.
        const decision = urlCallDecision(access, requirement);
        // Open to anyone if the URL predates October 2025 (InvokeFunction is not checked then), closed or narrowed by
        // InvokeFunction's condition if not; the snapshot lacks its creation date, so the worst case stands.
        const ageDecides = decision === "conditional" && requirement === "unknown" && access.url.decision === "allowed" && access.invoke.decision !== "allowed";
        const target = targetName(fn, url.qualifiedArn);
        const address = url.config.FunctionUrl ?? url.qualifiedArn;
        let title: string;
        let why: string;
        const unread = decision === "conditional" && (access.url.unread !== undefined || access.invoke.unread !== undefined);
        if (decision === "allowed") {
          title = `Public function URL: anyone on the internet can call ${target}`;
          why = "The function policy allows unauthenticated callers, so every request to the URL runs the function.";
        } else if (ageDecides) {
          title = `Function URL without authentication is public if it was created before October 2025`;
          const invoke = access.invoke.decision === "conditional" ? `lambda:InvokeFunction only if: ${access.invoke.reasons.join("; ")}` : `not lambda:InvokeFunction (${access.invoke.reasons.join("; ")})`;
          why = `The function policy allows unauthenticated callers lambda:InvokeFunctionUrl but ${invoke}. URLs created before October 2025 need only the first until 1 Nov 2026, and the snapshot does not say when this one was created: treat it as public.`;
        } else if (unread) {
          title = `Function URL without authentication may be public: the policy of ${target} could not be read`;
          why = `Who may call it is decided by a resource policy the scan could not read (${[...access.url.reasons, ...access.invoke.reasons].join("; ")}); until it is read, treat the URL as public.`;
        } else if (decision === "conditional") {
          const narrowing = [access.url, access.invoke].filter((r) => r.decision === "conditional");
          title = `Function URL without authentication, narrowed by condition (${dependsOnWhat(narrowing)})`;
          why = `The function policy admits unauthenticated callers only if: ${[...access.url.reasons, ...access.invoke.reasons].join("; ")}.`;
        } else {
          title = `Function URL without authentication (policy admits no public caller yet)`;
          // Cite what is missing: the InvokeFunctionUrl grant, or the InvokeFunction one the URL also needs now.
          const lacking = access.url.decision === "allowed" && needsInvoke ? access.invoke : access.url;
          why = `The function policy does not allow unauthenticated callers today (${lacking.reasons.join("; ")}); one permission added later would open it to the internet.`;
        }
        const qualifier = functionQualifier(url.qualifiedArn);
        findings.push(functionFinding({
          rule: this.id,
          severity: decision === "allowed" || unread || ageDecides ? "high" : "info",
          // Unread, age-decided and narrowed-by-condition URLs are all "may be public".
          conditional: decision === "conditional",
          fn,
          about: url.qualifiedArn,
          title,
          detail: `The function URL ${address} of ${url.qualifiedArn} has AuthType NONE, so Lambda does not check a signature. ${why}`,
          evidence: dedupe([
            {
              kind: "function-url",
              description: `Function URL ${address} with AuthType NONE`,
              source: { functionArn: url.qualifiedArn, operation: "GetFunctionUrlConfig" },
              document: url.config,
              highlight: ["AuthType", "NONE"],
            },
            ...resultEvidence(access.url),
            ...(needsInvoke || ageDecides ? resultEvidence(access.invoke) : []),
          ]),
          remediation: requireSignedRequests(fn, qualifier, publicGrantSids(access), urlGrantsNoneOnly(access)),
        }));
      }
    }
    return findings;
  },
};

/**
 * The Sids of the Allow statements that admit unauthenticated callers: grants to `*`. Under AuthType AWS_IAM they
 * would admit every principal of every AWS account (each writes its own IAM policy), so they go too.
 */
function publicGrantSids(access: UrlAccess): (string | undefined)[] {
  const statements = [...access.url.statements, ...access.invoke.statements].filter((st) => st.effect === "Allow");
  return [...new Set(statements.map((st) => st.sid))];
}

/**
 * Every Allow of lambda:InvokeFunctionUrl that admits the public holds only while the URL's AuthType is NONE
 * (`lambda:FunctionUrlAuthType` = NONE, as the console writes it): under AWS_IAM it admits no one, and a URL call
 * needs both actions, so the grants to * would not open the URL to other accounts.
 */
function urlGrantsNoneOnly(access: UrlAccess): boolean {
  const grants = access.url.statements.filter((st) => st.effect === "Allow");
  return grants.length > 0 && grants.every((st) => {
    const condition = (st.raw as { Condition?: Record<string, Record<string, unknown>> } | undefined)?.Condition ?? {};
    return Object.entries(condition).some(([op, keys]) =>
      /^StringEquals(IgnoreCase)?$/i.test(op) &&
      Object.entries(keys ?? {}).some(([k, v]) => k.toLowerCase() === "lambda:functionurlauthtype" && [v].flat().every((x) => String(x).toUpperCase() === "NONE")));
  });
}

function requireSignedRequests(fn: FunctionModel, qualifier: string | undefined, sids: (string | undefined)[], noneOnly = false): string {
  const remove = sids.map((sid) => removePermissionCommand(fn.arn, sid, qualifier));
  return (
    `Require signed requests, and remove the grants to * (${noneOnly ? "left behind, they would open the URL again if its AuthType went back to NONE" : "with AWS_IAM they would let any principal of any AWS account call it"}); ` +
    `callers of this account then need lambda:InvokeFunctionUrl and lambda:InvokeFunction in IAM, callers of other accounts a grant naming them:\n` +
    `aws lambda update-function-url-config${functionArgs(fn.arn, qualifier)} --auth-type AWS_IAM` +
    (remove.length ? `\n${remove.join("\n")}` : "") +
    `\nIf the URL must stay public, put CloudFront with origin access control in front and restrict the policy to it.`
  );
}

