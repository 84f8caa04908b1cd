/**
 * The report's account-level `unknown` entry for a snapshot whose IAM users are unknown (taken before they were read):
 * written by the analysis, recognised by the views that must then say users are not listed, rather than imply none.
 * Free of the evaluator, so client components can import it.
 */
import type { AnalysisReport } from "./types";

const PREFIX = "GetAccountAuthorizationDetails: IAM users and groups were not read";

export function usersNotReadEntry(why: string): string {
  return `${PREFIX}: ${why}; users that may invoke through their own policies are not listed`;
}

export function usersNotRead(report: Pick<AnalysisReport, "unknown">): boolean {
  return report.unknown?.some((u) => u.startsWith(PREFIX)) ?? false;
}

/** Callers of `accountInvokersUnread` and the like: IAM user ARNs name `:user/`, role ARNs `:role/`. */
export function isUserArn(arn: string): boolean {
  return /^arn:[^:]+:iam::\d*:user\//.test(arn);
}
