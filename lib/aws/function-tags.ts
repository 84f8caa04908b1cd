/**
 * ListTags for one function (`GET /2017-03-31/tags/{ARN}`, lambda:ListTags, in SecurityAudit's lambda:List*): the tags
 * ListFunctions does not return, which IAM weighs as aws:ResourceTag/<key> in requests on the function and which say
 * who owns it. Asked with the unqualified ARN: tags belong to the function, and its versions and aliases share them.
 */
import { ListTagsCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { ListTagsAnswerSchema } from "@/lib/snapshot/schema";
import { readTags } from "@/lib/analysis/function-tags";
import { MalformedResponse } from "./errors";
import { perFunctionAnswer } from "./items";

/**
 * The answer as the snapshot stores it; undefined when the function no longer exists (deleted since it was listed).
 * Any other failure, an answer whose tags are not a map of text values included, is thrown for the caller to record.
 */
export async function readFunctionTags(client: LambdaClient, fnArn: string): Promise<Record<string, unknown> | undefined> {
  const answer = await perFunctionAnswer(() => client.send(new ListTagsCommand({ Resource: fnArn })), ListTagsAnswerSchema);
  if (!answer) return undefined;
  const read = readTags(answer);
  if ("malformed" in read) throw new MalformedResponse(`the answer was left out: ${read.malformed}`);
  return answer;
}
