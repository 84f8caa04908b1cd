/**
 * Which data a rule could see for a function. A rule never judges a function whose needed data failed to load
 * (AccessDenied, throttling, disabled region); `data-unavailable` reports the gap instead.
 */
import type { DataOperation, FunctionModel } from "@/lib/analysis/account-model";
import type { Rule } from "./types";

/** Operations whose failure leaves the same data unknown (scanners may use the List or the Get form). */
const SAME_DATA: Record<DataOperation, readonly string[]> = {
  GetPolicy: ["GetPolicy", "GetResourcePolicy"],
  GetFunctionUrlConfig: ["GetFunctionUrlConfig", "ListFunctionUrlConfigs"],
  ListEventSourceMappings: ["ListEventSourceMappings", "GetEventSourceMapping"],
  ListAliases: ["ListAliases"],
  GetFunctionEventInvokeConfig: ["GetFunctionEventInvokeConfig", "ListFunctionEventInvokeConfigs"],
  GetFunctionConfiguration: ["GetFunctionConfiguration", "GetFunction"],
  GetAccountAuthorizationDetails: ["GetAccountAuthorizationDetails"],
  DescribeFileSystemPolicy: ["DescribeFileSystemPolicy", "DescribeAccessPoints"],
  GetRepositoryPolicy: ["GetRepositoryPolicy", "GetFunction"],
};

/** Every kind of data a rule may need. */
export const DATA_OPERATIONS = Object.keys(SAME_DATA) as DataOperation[];

/** The needed operations whose data is unknown for this function. */
export function missingData(fn: FunctionModel, needs: readonly DataOperation[]): DataOperation[] {
  return needs.filter((op) => isUnknown(fn, op));
}

function isUnknown(fn: FunctionModel, op: DataOperation): boolean {
  for (const name of SAME_DATA[op]) if (fn.unknownOps.has(name)) return true;
  return false;
}

/** Asked by most rules for every function, and nearly every function has all its data: a loop, no lists. */
export function hasData(fn: FunctionModel, needs: readonly DataOperation[]): boolean {
  if (fn.unknownOps.size === 0) return true;
  for (const op of needs) if (isUnknown(fn, op)) return false;
  return true;
}

/** Every snapshot operation name that stands for `op`'s data. */
export function operationNames(op: DataOperation): readonly string[] {
  return SAME_DATA[op];
}

/** The data an operation name stands for (either form), or undefined for reads no rule names in its needs (KMS, version lists). */
export function dataOperationOf(name: string): DataOperation | undefined {
  for (const [op, names] of Object.entries(SAME_DATA)) if (names.includes(name)) return op as DataOperation;
  return undefined;
}

/** The functions a rule can judge: those whose needed data was read. */
export function functionsWithData(functions: readonly FunctionModel[], needs: readonly DataOperation[]): readonly FunctionModel[] {
  // Asked by most rules of every function, and nearly always every function has its data: the list itself then, not
  // a copy of ten thousand per rule.
  for (const fn of functions) if (!hasData(fn, needs)) return functions.filter((f) => hasData(f, needs));
  return functions;
}

/** The needs without which a rule gives no verdict: all of them but those it judges the rest without (judgedWithout). */
export function needsOutright(rule: Pick<Rule, "needs" | "judgedWithout">): readonly DataOperation[] {
  const without = rule.judgedWithout;
  return without ? rule.needs.filter((op) => !without.includes(op)) : rule.needs;
}
