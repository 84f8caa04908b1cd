/**
 * GetFunctionConfiguration for one function, for what ListFunctions leaves out (lambda-permissions.md §4.2): the
 * `State` and `LastUpdateStatus` fields and their reasons, which AWS sets when it cannot start or update the function
 * (a role without the ENI actions, a KMS key it may not use, an image it cannot pull). Not GetFunction: that one also
 * hands out a presigned URL to the code and needs more than an auditor is granted. The answer repeats the function's
 * environment, so its values are redacted as ListFunctions' are, before anything keeps the answer.
 */
import { GetFunctionConfigurationCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { FunctionStateAnswerSchema } from "@/lib/snapshot/schema";
import { redactFunctionEnvironment } from "@/lib/snapshot/redact";
import { perFunctionAnswer } from "./items";

/**
 * The answer as the snapshot stores it; undefined when the function no longer exists (deleted since it was listed:
 * nothing to judge). Any other failure, a malformed answer included, is thrown for the caller to record.
 */
export function readFunctionConfiguration(client: LambdaClient, fnArn: string): Promise<Record<string, unknown> | undefined> {
  return perFunctionAnswer(() => client.send(new GetFunctionConfigurationCommand({ FunctionName: fnArn })), FunctionStateAnswerSchema, (answer) =>
    redactFunctionEnvironment(answer as { Environment?: { Variables?: Record<string, string> | null } | null }),
  );
}
