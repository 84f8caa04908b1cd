/** Where a finding is, in a line of text: "orders (us-east-1)", "role orders-role (2 functions)", "account". */
import type { AnalysisReport, Finding } from "@/lib/analysis/types";
import { plural } from "./count-text";

export type FunctionNames = Map<string, string>;

/** "name (region)" of each function of the report, by ARN: built once per report, read for every finding. */
export function functionNames(report: AnalysisReport): FunctionNames {
  return new Map(report.functions.map((f) => [f.arn, `${f.name} (${f.region})`]));
}

export function findingPlace(f: Finding, names: FunctionNames): string {
  if (f.function) return names.get(f.function) ?? f.function;
  if (f.role) return `role ${f.role.split("/").pop()} (${plural(f.functions.length, "function")})`;
  return "account";
}
