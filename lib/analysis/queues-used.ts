/**
 * Which SQS queues a function's configuration names: mapping sources, dead-letter queues (of the function and of
 * its published versions), async destinations and mapping on-failure destinations; and which SNS topics it sends to
 * (the same places but mapping sources, which are never topics). One reading for the scanner (which queues' and
 * topics' attributes to read) and for analysis (which reads a function's verdicts rest on). Shapes are structural,
 * so the SDK's types and the snapshot schema's both fit.
 */
type Arn = string | null | undefined;
interface Destinations {
  OnSuccess?: { Destination?: Arn } | null;
  OnFailure?: { Destination?: Arn } | null;
}

export interface QueueUsers {
  /** Function and version configurations (their DeadLetterConfig). */
  configs: Iterable<{ DeadLetterConfig?: { TargetArn?: Arn } | null }>;
  mappings: Iterable<{ EventSourceArn?: Arn; DestinationConfig?: Destinations | null }>;
  invokeConfigs: Iterable<{ DestinationConfig?: Destinations | null }>;
}

/** arn:<partition>:sqs:<region>:<account>:<queue name> (1–80 characters of [A-Za-z0-9_-], FIFO names end .fifo). */
const QUEUE_ARN = /^arn:(aws[a-z-]*):sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

export interface QueueArnParts {
  partition: string;
  region: string;
  account: string;
  name: string;
}

export function parseQueueArn(arn: string): QueueArnParts | undefined {
  return arnParts(QUEUE_ARN, arn);
}

/** arn:<partition>:sns:<region>:<account>:<topic name> (1–256 characters of [A-Za-z0-9_-], FIFO names end .fifo). */
const TOPIC_ARN = /^arn:(aws[a-z-]*):sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

export function parseTopicArn(arn: string): QueueArnParts | undefined {
  return arnParts(TOPIC_ARN, arn);
}

function arnParts(pattern: RegExp, arn: string): QueueArnParts | undefined {
  const m = pattern.exec(arn);
  return m ? { partition: m[1] as string, region: m[2] as string, account: m[3] as string, name: m[4] as string } : undefined;
}

/** The queues the configurations name, each once, sorted. */
export function queuesUsed(users: QueueUsers): string[] {
  return targetsUsed(users, QUEUE_ARN, true);
}

/** The SNS topics the configurations send to (dead-letter topics, destinations), each once, sorted. */
export function topicsUsed(users: QueueUsers): string[] {
  return targetsUsed(users, TOPIC_ARN, false);
}

function targetsUsed(users: QueueUsers, kind: RegExp, mappingSources: boolean): string[] {
  const out = new Set<string>();
  for (const c of users.configs) addTarget(out, kind, c.DeadLetterConfig?.TargetArn);
  for (const m of users.mappings) {
    if (mappingSources) addTarget(out, kind, m.EventSourceArn);
    addTarget(out, kind, m.DestinationConfig?.OnFailure?.Destination);
  }
  for (const c of users.invokeConfigs) {
    addTarget(out, kind, c.DestinationConfig?.OnSuccess?.Destination);
    addTarget(out, kind, c.DestinationConfig?.OnFailure?.Destination);
  }
  return [...out].sort();
}

/** Not a closure in targetsUsed: tsx's kept names cost a defineProperty per closure made (see roleRequest). */
function addTarget(out: Set<string>, kind: RegExp, arn: Arn): void {
  if (typeof arn === "string" && kind.test(arn)) out.add(arn);
}
