/**
 * A way in granted the deprecated InvokeAsync API and not Invoke: it still runs the function (asynchronously), which
 * a Deny written for lambda:InvokeFunction alone does not stop, so the report's readers are told which it is.
 */
export function isAsyncOnly(actions: readonly string[] | undefined): boolean {
  return !!actions?.includes(INVOKE_ASYNC) && !actions.includes(INVOKE_FUNCTION);
}

export const INVOKE_FUNCTION = "lambda:InvokeFunction";
export const INVOKE_ASYNC = "lambda:InvokeAsync";
