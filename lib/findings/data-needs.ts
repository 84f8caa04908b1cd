/**
 * Which data a rule could see for a function. A rule never judges a function whose needed data failed to load
 * (AccessDenied, throttling, disabled region); `data-unavailable` reports the gap instead.
 */
import type { DataOperation, FunctionModel } from "@/lib/analysis/account-model";

/** Operations whose failure leaves the same data unknown (scanners may use the List or the Get form). */
const SAME_DATA: Record<DataOperation, readonly string[]> = {
  GetPolicy: ["GetPolicy", "GetResourcePolicy"],
  GetFunctionUrlConfig: ["GetFunctionUrlConfig", "ListFunctionUrlConfigs"],
  ListEventSourceMappings: ["ListEventSourceMappings", "GetEventSourceMapping"],
  ListAliases: ["ListAliases"],
  GetFunctionEventInvokeConfig: ["GetFunctionEventInvokeConfig", "ListFunctionEventInvokeConfigs"],
  GetAccountAuthorizationDetails: ["GetAccountAuthorizationDetails"],
};

/** The needed operations whose data is unknown for this function. */
export function missingData(fn: FunctionModel, needs: readonly DataOperation[]): DataOperation[] {
  return needs.filter((op) => SAME_DATA[op].some((name) => fn.unknownOps.has(name)));
}

export function hasData(fn: FunctionModel, needs: readonly DataOperation[]): boolean {
  return missingData(fn, needs).length === 0;
}

/** Every snapshot operation name that stands for `op`'s data. */
export function operationNames(op: DataOperation): readonly string[] {
  return SAME_DATA[op];
}

/** The functions a rule can judge: those whose needed data was read. */
export function functionsWithData(functions: readonly FunctionModel[], needs: readonly DataOperation[]): FunctionModel[] {
  return functions.filter((fn) => hasData(fn, needs));
}
