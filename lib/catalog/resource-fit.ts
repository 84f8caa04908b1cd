/**
 * Whether IAM can ever authorise an action against a resource that a policy's Resource pattern names. IAM checks
 * each action against ARNs of its resource types (the Service Authorization Reference): `s3:GetObject` granted on a
 * bucket ARN, or `logs:PutLogEvents` on a log group without `:*`, grants nothing. Reach lists leave such grants out
 * of what a role can reach.
 *
 * Conservative by design (a false "grants nothing" would hide real access): a pattern with wildcards is ruled out
 * only when its literal start cannot begin an ARN of any of the action's types; a policy variable, an action the
 * catalog does not know, and an action for which the reference lists no resource type never rule anything out. The
 * last ones should be checked against `*` alone, but AWS's own guides grant some on ARNs (dynamodb:ListStreams on a
 * stream, s3:ListAllMyBuckets on `arn:aws:s3:::*`), so the reference is not taken as the last word there.
 */
import { globMatches, globMayStartWith } from "@/lib/policy/wildcard";
import { resourceArnTemplates } from "./actions";

interface Fit {
  /** The action's resource ARN templates as globs (`${QueueName}` → `*`); never empty. */
  globs: string[];
  byPattern: Map<string, boolean>;
}

/** Per concrete action; null when nothing is ruled out for it. Actions with the same resource types share a Fit. */
const fitByAction = new Map<string, Fit | null>();
const fitByTemplates = new Map<string, Fit>();
/** Patterns remembered per Fit at most, so a long-running server does not keep every account's patterns. */
const MAX_PATTERNS = 50_000;

function fitOf(action: string): Fit | null {
  let fit = fitByAction.get(action);
  if (fit !== undefined) return fit;
  const templates = resourceArnTemplates(action);
  if (templates === undefined || templates.length === 0) fit = null;
  else {
    const key = templates.join("\n");
    fit = fitByTemplates.get(key) ?? { globs: templates.map((t) => t.replace(/\$\{[^}]*\}/g, "*")), byPattern: new Map() };
    fitByTemplates.set(key, fit);
  }
  fitByAction.set(action, fit);
  return fit;
}

function onlyStars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== "*") return false;
  return pattern.length > 0;
}

function fits(globs: string[], pattern: string): boolean {
  let wildcard = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" || c === "?") {
      wildcard = i;
      break;
    }
  }
  if (wildcard < 0) return globs.some((g) => globMatches(g, pattern));
  const prefix = pattern.slice(0, wildcard);
  return globs.some((g) => globMayStartWith(g, prefix));
}

/** False only when IAM never authorises `action` (a concrete catalog action) against anything `pattern` matches. */
export function mayBeAuthorisedOn(action: string, pattern: string): boolean {
  if (onlyStars(pattern) || pattern.includes("${")) return true;
  const fit = fitOf(action);
  if (!fit) return true;
  let ok = fit.byPattern.get(pattern);
  if (ok === undefined) {
    ok = fits(fit.globs, pattern);
    if (fit.byPattern.size >= MAX_PATTERNS) fit.byPattern.clear();
    fit.byPattern.set(pattern, ok);
  }
  return ok;
}
