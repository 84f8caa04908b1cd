/**
 * Whether IAM can ever authorise an action against a resource that a policy's Resource pattern names. IAM checks
 * each action against ARNs of its resource types (the Service Authorization Reference), or against `*` alone when
 * it has none; so `s3:GetObject` granted on a bucket ARN, `logs:PutLogEvents` on a log group without `:*`, or
 * `dynamodb:ListStreams` on a stream grants nothing. Reach lists leave such grants out of what a role can reach.
 *
 * Conservative by design (a false "grants nothing" would hide real access): a pattern with wildcards is ruled out
 * only when its literal start cannot begin an ARN of any of the action's types, and a policy variable or an action
 * the catalog does not know never rules anything out.
 */
import { globMatches, globMayStartWith } from "@/lib/policy/wildcard";
import { resourceArnTemplates } from "./actions";

interface Fit {
  /** The action's resource ARN templates as globs (`${QueueName}` → `*`); empty: `*` only. */
  globs: string[];
  byPattern: Map<string, boolean>;
}

/** Per concrete action; null for an action the catalog does not know. Actions of one service share their Fit. */
const fitByAction = new Map<string, Fit | null>();
const fitByTemplates = new Map<string, Fit>();
/** Patterns remembered per Fit at most, so a long-running server does not keep every account's patterns. */
const MAX_PATTERNS = 50_000;

function fitOf(action: string): Fit | null {
  let fit = fitByAction.get(action);
  if (fit !== undefined) return fit;
  const templates = resourceArnTemplates(action);
  if (templates === undefined) fit = null;
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
  if (globs.length === 0) return false; // `*` only, and the pattern is not `*`
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
