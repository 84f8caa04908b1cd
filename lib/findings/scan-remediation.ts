/**
 * What to do about calls the scan could not make, worded from why each failed. "Grant the permission" is wrong
 * advice when an organization's SCP or RCP denies the call (no policy in the account can override it), when the
 * call was throttled, or when the data was read but could not be parsed.
 */
import { type Unavailable } from "@/lib/analysis/account-model";
import { INCOMPLETE_SNAPSHOT, MALFORMED_POLICY, MALFORMED_RESPONSE, NOT_READ, ROLE_READ_OPERATIONS } from "@/lib/analysis/snapshot-gaps";

type Cause = "grant" | "scp" | "rcp" | "boundary" | "explicit" | "session" | "throttled" | "malformed" | "incomplete" | "answer" | "absent" | "other";


/** The IAM action behind each call the scan makes. */
export function actionOfOperation(operation: string): string {
  if (operation === "GetAccountAuthorizationDetails" || ROLE_READ_OPERATIONS.includes(operation)) return `iam:${operation}`;
  if (operation === "GetQueueAttributes") return "sqs:GetQueueAttributes";
  if (operation === "GetTopicAttributes") return "sns:GetTopicAttributes";
  if (operation === "DescribeStreamSummary") return "kinesis:DescribeStreamSummary";
  if (operation === "DescribeAccessPoints" || operation === "DescribeFileSystemPolicy") return `elasticfilesystem:${operation}`;
  if (operation === "GetRepositoryPolicy") return "ecr:GetRepositoryPolicy";
  if (operation === "DescribeKey" || operation === "GetKeyPolicy" || operation === "ListGrants") return `kms:${operation}`;
  return `lambda:${operation}`;
}

// AWS's AccessDenied messages say which policy type decided ("with an explicit deny in a service control policy").
const EXPLICIT_DENY: [RegExp, Cause][] = [
  [/explicit deny in a service control policy/i, "scp"],
  [/explicit deny in a resource control policy/i, "rcp"],
  [/explicit deny in a permissions boundary/i, "boundary"],
  [/explicit deny in a session policy/i, "session"],
  [/explicit deny/i, "explicit"],
];

function causeOf(u: Pick<Unavailable, "code" | "message">): Cause {
  const code = u.code ?? "";
  const message = u.message ?? "";
  if (code === MALFORMED_POLICY) return "malformed";
  if (code === INCOMPLETE_SNAPSHOT) return "incomplete";
  // The scanner's own code (lib/aws/errors.ts): the service answered, but not in a shape the scan could take.
  if (code === MALFORMED_RESPONSE) return "answer";
  // The analyser's code for an answer the snapshot lacks with no error recorded (a key edited, a source that read
  // only some): no call failed, so neither a grant nor the endpoint is to blame.
  if (code === NOT_READ) return "absent";
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(code)) return "throttled";
  if (/AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i.test(code) || /not authorized to perform/i.test(message)) {
    return EXPLICIT_DENY.find(([re]) => re.test(message))?.[1] ?? "grant";
  }
  return "other";
}

function list(actions: Iterable<string>): string {
  return [...new Set(actions)].sort().join(", ");
}

/**
 * One remediation for a set of failures (and operations known missing without a recorded failure, `alsoMissing`),
 * one sentence per cause, each naming the actions it concerns.
 */
export function scanRemediation(failures: readonly Pick<Unavailable, "operation" | "code" | "message">[], alsoMissing: Iterable<string> = []): string {
  const byCause = new Map<Cause, Set<string>>();
  const add = (cause: Cause, operation: string) => {
    const set = byCause.get(cause) ?? new Set<string>();
    set.add(actionOfOperation(operation));
    byCause.set(cause, set);
  };
  for (const f of failures) add(causeOf(f), f.operation);
  const recorded = new Set(failures.map((f) => f.operation));
  for (const op of alsoMissing) if (!recorded.has(op)) add("grant", op);

  const sentences: string[] = [];
  for (const [cause, actions] of byCause) {
    const a = list(actions);
    switch (cause) {
      case "grant":
        sentences.push(`Allow ${a} for the scanning principal (docs/scan.md lists the read-only policy), then scan again.`);
        // KMS also asks the key policy: an identity grant alone does not let anyone read a key.
        if ([...actions].some((x) => x.startsWith("kms:"))) {
          sentences.push("For a KMS key, its key policy must let the scanning principal in too (the default key policy's account-root statement does, by delegating to IAM); another account's key policy can only be read by that account.");
        }
        break;
      case "scp":
        sentences.push(
          `A service control policy of your AWS Organization denies ${a}: no policy in this account can override it. ` +
            "Ask the organization's administrators to exempt the scanning role from that SCP, or scan with a role it does not cover.",
        );
        break;
      case "rcp":
        sentences.push(`A resource control policy of your AWS Organization denies ${a}; ask its administrators to exempt the scanning role.`);
        break;
      case "boundary":
        sentences.push(`The scanning principal's permissions boundary does not allow ${a}: widen the boundary or scan with another role.`);
        break;
      case "session":
        sentences.push(`The session policy of the scanning session denies ${a}: start the session without it (or with one that allows it).`);
        break;
      case "explicit":
        sentences.push(`A Deny statement in the scanning principal's own policies blocks ${a}: remove or narrow it, then scan again.`);
        break;
      case "throttled":
        sentences.push(`AWS throttled ${a} beyond the scan's retries: scan again later, or scan fewer regions at once.`);
        break;
      case "malformed":
        sentences.push("The policy was read but its text is not a valid policy document: fix or re-add the policy (the evidence shows the parser's message), then scan again.");
        break;
      case "incomplete":
        sentences.push(
          `The snapshot holds part of what ${a} returns (a page with a NextMarker, or a region without that data): ` +
            "scan with `npm run cli -- scan`, or export every page of each call, then analyse again.",
        );
        break;
      case "answer":
        sentences.push(
          `The answer to ${a} could not be taken as it came (a page token that leads nowhere, an item without a field every answer has; the evidence says which): ` +
            "scan again; if it persists, the endpoint answering is not behaving as AWS does (an emulator, a proxy rewriting answers).",
        );
        break;
      case "absent":
        sentences.push(
          `The snapshot holds no answer to ${a} for some resource a function uses, and no error for it (left out by its source or an edit, not refused): ` +
            "scan again with `npm run cli -- scan` so it holds every answer, then analyse again.",
        );
        break;
      case "other":
        sentences.push(`${a} failed for another reason (see the evidence): scan again; if it persists, check the endpoint and network.`);
        break;
    }
  }
  return sentences.join(" ");
}
