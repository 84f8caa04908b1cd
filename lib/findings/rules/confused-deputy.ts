/**
 * confused-deputy: a service principal may invoke with nothing pinning whose resource triggers it — neither
 * SourceArn nor SourceAccount, nor the source's organization (fixed values; wildcards pin nothing, while
 * `${aws:ResourceAccount}` pins the function's own account, as public-invoke reads it). S3 bucket ARNs carry no account, so an S3
 * grant with SourceArn but no SourceAccount is still open to a re-created bucket in another account (medium).
 */
import { conditionValues, invokeActionsOf, isFixed, organizationsOf, sourceArnPinsAccount, withOwnAccount } from "@/lib/analysis/invokers";
import { functionQualifier } from "@/lib/analysis/arn";
import type { Finding, Severity } from "@/lib/analysis/types";
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Statement } from "@/lib/policy/types";
import { actionMatches } from "@/lib/policy/wildcard";
import { statementEvidence, whereIs } from "../evidence";
import { fitList, titleWithList } from "../headline";
import { statementLabel } from "../finding-id";
import { functionsWithData } from "../data-needs";
import { cliFlag, functionArgs, removePermissionCommand, shellArg } from "../remediation";
import { evaluateGrant, isEffective, policyGrants, targetName, type PolicyGrant } from "../resource-grants";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

type Pinning = "pinned" | "source-arn-only" | "open";

const OWNER_KEYS = ["aws:SourceAccount", "aws:SourceOwner"];
const TOKEN_KEYS = ["lambda:EventSourceToken"];

/** Some of the keys has a value and every value is fixed (loops: this runs for every service grant). */
function fixedValues(st: Statement, keys: readonly string[]): boolean {
  let any = false;
  for (const key of keys) {
    for (const value of conditionValues(st, key)) {
      if (!isFixed(withOwnAccount(value))) return false;
      any = true;
    }
  }
  return any;
}

/** How the statement ties the service's request to a source the owner controls. */
export function pinning(st: Statement): Pinning {
  if (fixedValues(st, OWNER_KEYS)) return "pinned";
  if (fixedValues(st, TOKEN_KEYS)) return "pinned"; // Alexa skills: token-gated
  if (organizationsOf(st).length > 0) return "pinned"; // the source's owner is in the organization
  const arns = conditionValues(st, "aws:SourceArn").map(withOwnAccount);
  if (arns.length > 0 && arns.every(sourceArnPinsAccount)) return "pinned";
  if (arns.length > 0 && arns.every(isFixed)) return "source-arn-only";
  return "open";
}

/** The statement's own source ARN, or a placeholder to fill in (left unquoted, as every placeholder of a fix is). */
function sourceArnArg(sourceArn: string | undefined): string {
  return sourceArn === undefined ? "<source ARN>" : shellArg(sourceArn);
}


export const confusedDeputy: Rule = {
  id: "confused-deputy",
  title: "Service may invoke on behalf of any account",
  severity: "high",
  needs: ["GetPolicy"],
  description:
    "A service principal may invoke the function with neither aws:SourceArn nor aws:SourceAccount, so any account can point that service at it; for S3, whose bucket ARNs name no account, SourceArn without SourceAccount lets a bucket of that name re-created in another account do so (medium).",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      // Services one statement lets in alike share a finding: a statement naming many makes one, not one each
      // carrying the statement.
      const groups = new Map<string, [Entry, ...Entry[]]>();
      // Per statement: it reads every SourceArn value, and a statement may list hundreds of services.
      const pins = new Map<Statement, Pinning>();
      for (const grant of policyGrants(fn, ctx.model.account, ctx.model.partition)) {
        const st = grant.statement;
        if (grant.principal.kind !== "service") continue;
        const actions = invokeActionsOf(st);
        const action = actions[0];
        if (!action) continue;
        let pin = pins.get(st);
        if (pin === undefined) pins.set(st, (pin = pinning(st)));
        if (pin === "pinned") continue;
        const result = evaluateGrant(grant, action);
        if (!isEffective(result)) continue;
        const entry: Entry = { grant, actions, pin };
        const key = `${grant.qualifiedArn}\n${st.index}\n${pin}\n${result.decision}`;
        const group = groups.get(key);
        if (group) group.push(entry);
        else groups.set(key, [entry]);
      }
      for (const group of groups.values()) findings.push(groupFinding(this.id, fn, ctx.model.account, group));
    }
    return findings;
  },
};

interface Entry {
  grant: PolicyGrant;
  /** The statement's invoke actions. */
  actions: readonly string[];
  pin: Exclude<Pinning, "pinned">;
}

/** Re-added statements spelled out in a fix; the rest are counted. */
const MAX_READDED = 2;

function groupFinding(rule: string, fn: FunctionModel, account: string, group: [Entry, ...Entry[]]): Finding {
  const [{ grant, actions, pin }] = group;
  const st = grant.statement;
  const services = group.map((e) => e.grant.principal.id);
  const service = grant.principal.id;
  const many = services.length > 1;
  const severity: Severity = pin === "source-arn-only" ? "medium" : "high";
  const missing = pin === "source-arn-only" ? "aws:SourceAccount" : "aws:SourceArn or aws:SourceAccount";
  const who = many ? `${services.length} services (${fitList(services, 600)})` : service;
  // AddPermission takes one principal and one source ARN a statement, each with an id of its own: a statement for
  // two buckets (or services) is re-added as one per pair, or the fix drops a source or is refused as a duplicate id.
  const sources = conditionValues(st, "aws:SourceArn").filter(isFixed);
  const pairs = services.flatMap((principal) => (sources.length ? sources : [undefined]).map((source) => ({ principal, source })));
  const shown = pairs.slice(0, MAX_READDED);
  const addPermissions = shown.map(
    ({ principal, source }, i) =>
      `aws lambda add-permission${functionArgs(fn.arn, functionQualifier(grant.qualifiedArn))}${cliFlag("--statement-id", `${st.sid ?? "invoke"}${pairs.length > 1 ? `-${i + 1}` : ""}`)} --action lambda:InvokeFunction --principal ${shellArg(principal)} ` +
      `--source-arn ${sourceArnArg(source)} --source-account ${shellArg(account)}`,
  );
  return functionFinding({
    rule,
    severity,
    fn,
    about: grant.qualifiedArn,
    discriminator: `${statementLabel(st)}/${service}`,
    title: titleWithList("", services, ` may invoke ${targetName(fn, grant.qualifiedArn)} without ${missing}`),
    detail:
      pin === "source-arn-only"
        ? `Statement ${statementLabel(st)} lets ${who} invoke the function for source ${conditionValues(st, "aws:SourceArn").join(", ")}, an ARN without an account: if that resource is deleted, another account can create one with the same name and trigger the function. Add aws:SourceAccount.`
        : `Statement ${statementLabel(st)} lets ${who} invoke the function with no condition on the source resource or account, so any AWS account can configure ${many ? "these services" : service} to invoke it (confused deputy).`,
    evidence: [
      statementEvidence(grant.policy, st, `Service grant in ${whereIs(grant.policy.source, st)}`, [
        ...services,
        ...(st.action ?? []).filter((a) => actions.some((x) => actionMatches(a, x))), // as written in the statement
        ...st.conditions.map((c) => c.key),
      ]),
    ],
    remediation:
      `Re-add the permission with the source pinned${pairs.length > 1 ? ", one statement per service and source" : ""}:\n` +
      `${removePermissionCommand(fn.arn, st.sid, functionQualifier(grant.qualifiedArn))}\n` +
      addPermissions.join("\n") +
      (pairs.length > shown.length
        ? `\nand likewise for the other ${pairs.length - shown.length} pair${pairs.length - shown.length > 1 ? "s" : ""} of service and source named in the detail`
        : ""),
  });
}
