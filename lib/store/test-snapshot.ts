/**
 * Test support: the smallest snapshot the store tests need, one region listing `functions` by name, as a bundled demo
 * or a scan captured at `capturedAt`.
 */
import { parseSnapshot } from "@/lib/snapshot/read";

export function testSnapshot(capturedAt: string, functions: string[] = [], account = "123456789012") {
  return parseSnapshot({
    format: "lambda-permissions-graph/snapshot@1",
    capturedAt,
    account,
    regions: {
      "us-east-1": {
        ListFunctions: { Functions: functions.map((name) => ({ FunctionName: name, FunctionArn: `arn:aws:lambda:us-east-1:${account}:function:${name}` })) },
      },
    },
  });
}
