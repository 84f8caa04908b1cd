/**
 * ListTags for one function (`GET /2017-03-31/tags/{ARN}`, lambda:ListTags, in SecurityAudit's lambda:List*): the tags
 * ListFunctions does not return, which IAM weighs as aws:ResourceTag/<key> in requests on the function and which say
 * who owns it. Asked with the unqualified ARN: tags belong to the function, and its versions and aliases share them.
 */
import { ListTagsCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { ListTagsAnswerSchema } from "@/lib/snapshot/schema";
import { readTags } from "@/lib/analysis/function-tags";
import { isNotFound, MalformedResponse } from "./errors";
import { malformed } from "./items";
import { plain } from "./plain";

type Json = Record<string, unknown>;

/**
 * The answer as the snapshot stores it; undefined when the function no longer exists (deleted since it was listed).
 * Any other failure, an answer whose tags are not a map of text values included, is thrown for the caller to record.
 */
export async function readFunctionTags(client: LambdaClient, fnArn: string): Promise<Json | undefined> {
  let answer: Json;
  try {
    answer = plain(await client.send(new ListTagsCommand({ Resource: fnArn }))) as unknown as Json;
  } catch (e: unknown) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const bad = malformed(ListTagsAnswerSchema, answer, "the answer");
  if (bad) throw bad;
  const read = readTags(answer);
  if ("malformed" in read) throw new MalformedResponse(`the answer was left out: ${read.malformed}`);
  return answer;
}
