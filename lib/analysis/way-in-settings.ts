/**
 * Settings of a way in that let no one else in, yet change where data goes or how it is read: a mapping's on-failure
 * (or on-success) destination, a new place its records flow to; its consumer group and how it reads and retries
 * (batch size and window, starting position, parallelization, retries, record age…); a URL's CORS, which
 * browsers' pages may call it and read the answer. The diff lists them before and after (lib/diff), so a scan that
 * changed only these does not read as "nothing changed". So too a function's asynchronous invocation: where its events
 * go once handled or failed (destinations, dead-letter queue) and how long they are retried. Values as text; the order
 * of what AWS gives no order to (CORS origins, methods, headers; object keys) is none of it.
 */
import type { FunctionModel } from "./account-model";
import type { EventInvokeConfig, EventSourceMapping, FunctionUrlConfig } from "@/lib/snapshot/schema";

export type WayInSettings = Record<string, string>;

/** The setting that comes with the function's configuration, not its async configurations (the diff reads it apart). */
export const DEAD_LETTER_QUEUE = "dead-letter queue";

const ON_FAILURE = "on-failure destination";

const BATCH_SIZE = "batch size";
const BATCHING_WINDOW = "maximum batching window (seconds)";
const PARALLELIZATION = "parallelization factor";
const STARTING_POSITION = "starting position";
const TUMBLING_WINDOW = "tumbling window (seconds)";
const MAXIMUM_CONCURRENCY = "maximum concurrency";
const BISECT = "split batch on function error";
const RECORD_AGE = "maximum record age (seconds)";
const RESPONSE_TYPES = "function response types";
const CONSUMER_GROUP = "consumer group";
const OWN_UUID = "the mapping's UUID";
const RETRY_ATTEMPTS = "retry attempts";
const EVENT_AGE = "maximum event age (seconds)";
const STREAMS = ["kinesis", "dynamodb"];
const KAFKA = ["msk", "self-managed-kafka"];
/** Sources whose batching window AWS documents as 500 ms by default: written in the setting's unit. */
const HALF_SECOND_WINDOW = [...KAFKA, "mq", "documentdb"];

/**
 * A mapping's defaults by setting: the sources each applies to, and its value. As the Lambda API reference
 * (https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html) and the per-source
 * parameter pages (services-kinesis-parameters.html, services-ddb-params.html, services-mq-params.html) document
 * them; a setting they give no default for (tumbling window, maximum concurrency, response types, starting position)
 * has none. The batching window is 500 ms for Kafka, Amazon MQ and DocumentDB ("For Amazon MSK, Self-managed Apache
 * Kafka, Amazon MQ, and DocumentDB event sources, the default batching window is 500 ms"). Splitting, retries and
 * record age apply to streams and to Kafka (MSK and self-managed) alike, "The default value is false" and "-1" (AWS's
 * "infinite") for each; for Kafka also https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html.
 */
const MAPPING_DEFAULTS = new Map<string, [sources: string[], value: string][]>([
  [BATCH_SIZE, [[["sqs"], "10"], [[...STREAMS, ...HALF_SECOND_WINDOW], "100"]]],
  [BATCHING_WINDOW, [[[...STREAMS, "sqs"], "0"], [HALF_SECOND_WINDOW, "0.5"]]],
  [PARALLELIZATION, [[STREAMS, "1"]]],
  [BISECT, [[[...STREAMS, ...KAFKA], "false"]]],
  [RETRY_ATTEMPTS, [[[...STREAMS, ...KAFKA], "-1"]]],
  [RECORD_AGE, [[[...STREAMS, ...KAFKA], "-1"]]],
  [CONSUMER_GROUP, [[KAFKA, OWN_UUID]]],
]);

/** Asynchronous invocation's defaults (invocation-async-error-handling.html: two more attempts, up to 6 hours). */
const ASYNC_DEFAULTS = new Map([
  [RETRY_ATTEMPTS, "2"],
  [EVENT_AGE, "21600"],
]);

/**
 * Whose settings: asynchronous invocation's, or a mapping's (its source type as eventSourceType gives it, its UUID,
 * whether it sends failed records to an on-failure destination).
 */
export type SettingsOf = "async" | { sourceType?: string; uuid?: string; onFailure?: boolean };

/** Whose settings a way in's are: the mapping it reads from, with what settingText needs of its other settings. */
export function mappingSettingsOf(way: { sourceType?: string; uuid?: string; settings?: WayInSettings }): SettingsOf {
  return { sourceType: way.sourceType, uuid: way.uuid, onFailure: way.settings?.[ON_FAILURE] !== undefined };
}

/**
 * What Lambda applies where a snapshot leaves a setting unset (AWS answers most with the value written out; other
 * tooling's snapshots may not), so an unset one is compared as the value in force, not as "none". Only defaults AWS
 * documents: async retries and event age (ASYNC_DEFAULTS); a mapping's read settings (MAPPING_DEFAULTS; batch size
 * per EventSourceMappingConfiguration: 10 for SQS, 100 for every other source) and a Kafka mapping's consumer group, the mapping's UUID: for MSK lambda-permissions.md §1.1
 * (with-msk.html), for self-managed Kafka with-kafka.html ("Cluster failed to authorize Lambda": the group name must
 * match the mapping's UUID). `sourceType` as eventSourceType gives it.
 */
export function settingDefault(name: string, way: SettingsOf): string | undefined {
  if (way === "async") return ASYNC_DEFAULTS.get(name);
  return MAPPING_DEFAULTS.get(name)?.find(([sources]) => sources.includes(way.sourceType ?? ""))?.[1];
}

/**
 * The settings Lambda gives a default to for these settings' owner: compared even where neither scan sets them, since
 * the default in force can differ between the scans (a Kafka mapping's infinite retries once it has an on-failure
 * destination, settingText; the group Lambda names after a mapping created again under a new UUID).
 */
export function defaultedSettings(way: SettingsOf): string[] {
  if (way === "async") return [...ASYNC_DEFAULTS.keys()];
  return [...MAPPING_DEFAULTS].filter(([, bySource]) => bySource.some(([sources]) => sources.includes(way.sourceType ?? ""))).map(([name]) => name);
}

/**
 * A setting's value as the diff shows and compares it; `isDefault` where the value is Lambda's default for an unset
 * setting (settingDefault), said so: "2 (default)". A group Lambda named after its mapping is that mapping's alone:
 * one deleted and created again under a new UUID joins a new group, whose offsets start again from its starting
 * position, so the group names the UUID. (No group ID holds the marker's spaces: their pattern is
 * [a-zA-Z0-9-\/*:_+=.@-]*.) A mapping's -1 retries or record age is AWS's "infinite", said so, in the one aside a
 * default shares: "-1 (infinite, the default)". Not a Kafka mapping's -1 retries once it has an on-failure
 * destination: "When you configure both infinite retries and an on-failure destination, Lambda automatically applies
 * a maximum of 10 retry attempts" (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html),
 * so adding the destination is a change of the retries in force too.
 */
export function settingText(name: string, value: string, way: SettingsOf | undefined, isDefault = false): string {
  const mapping = way && way !== "async" ? way : undefined;
  if (mapping && (name === RETRY_ATTEMPTS || name === RECORD_AGE) && value === "-1") {
    const capped = name === RETRY_ATTEMPTS && mapping.onFailure === true && KAFKA.includes(mapping.sourceType ?? "");
    const meaning = capped ? "at most 10 with an on-failure destination" : "infinite";
    return isDefault ? `-1 (${meaning}, the default)` : `-1 (${meaning})`;
  }
  const text = mapping && name === CONSUMER_GROUP && value === OWN_UUID ? `${OWN_UUID}, ${mapping.uuid ?? "unknown"}` : value;
  return isDefault ? `${text} (default)` : text;
}

export function mappingSettings(m: EventSourceMapping): WayInSettings | undefined {
  const kafka = m.AmazonManagedKafkaEventSourceConfig ?? m.SelfManagedKafkaEventSourceConfig;
  // AT_TIMESTAMP reads from a time (Unix seconds) that is part of where reading starts.
  const startTime = valueText(m.StartingPositionTimestamp, "number", "string");
  const scaling = m.ScalingConfig;
  const concurrency = scaling && typeof scaling === "object" && !Array.isArray(scaling) ? (scaling as Record<string, unknown>).MaximumConcurrency : scaling;
  return settingsOf({
    [ON_FAILURE]: m.DestinationConfig?.OnFailure?.Destination,
    "on-success destination": m.DestinationConfig?.OnSuccess?.Destination,
    [BATCH_SIZE]: valueText(m.BatchSize, "number"),
    [BATCHING_WINDOW]: valueText(m.MaximumBatchingWindowInSeconds, "number"),
    [PARALLELIZATION]: valueText(m.ParallelizationFactor, "number"),
    [STARTING_POSITION]: [valueText(m.StartingPosition, "string"), startTime].filter(Boolean).join(", "),
    [TUMBLING_WINDOW]: valueText(m.TumblingWindowInSeconds, "number"),
    [MAXIMUM_CONCURRENCY]: valueText(concurrency, "number"),
    [BISECT]: valueText(m.BisectBatchOnFunctionError, "boolean"),
    [RETRY_ATTEMPTS]: valueText(m.MaximumRetryAttempts, "number"),
    [RECORD_AGE]: valueText(m.MaximumRecordAgeInSeconds, "number"),
    // A set without order, AWS's empty list the same as none.
    [RESPONSE_TYPES]: Array.isArray(m.FunctionResponseTypes) && m.FunctionResponseTypes.every((t) => typeof t === "string") ? [...m.FunctionResponseTypes].sort().join(", ") : valueText(m.FunctionResponseTypes),
    // Lambda names the group after the mapping when none is given: said so, the diff names its UUID (settingText).
    [CONSUMER_GROUP]: kafka?.ConsumerGroupId && kafka.ConsumerGroupId === m.UUID ? OWN_UUID : kafka?.ConsumerGroupId,
  });
}

export function urlSettings(config: FunctionUrlConfig): WayInSettings | undefined {
  return settingsOf({ CORS: config.Cors === undefined || config.Cors === null ? undefined : orderFreeJson(config.Cors) });
}

/**
 * The asynchronous invocation settings of the function and of each alias or version with its own configuration, by
 * its ARN (the function's own, `$LATEST`'s, under the function ARN); undefined when none is set. The dead-letter queue
 * only of the function: a published version keeps the one it was published with, so only a new version's could differ
 * from a scan before, and a new version is no change of where events go (the alias routing to it is).
 */
export function asyncSettings(fn: Pick<FunctionModel, "arn" | "config" | "invokeConfigs">): Record<string, WayInSettings> | undefined {
  const out = new Map<string, WayInSettings>();
  const own = settingsOf({ [DEAD_LETTER_QUEUE]: fn.config.DeadLetterConfig?.TargetArn });
  if (own) out.set(fn.arn, own);
  for (const { qualifiedArn, config } of fn.invokeConfigs) {
    const set = invokeConfigSettings(config);
    if (set) out.set(qualifiedArn, { ...out.get(qualifiedArn), ...set });
  }
  return out.size ? Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : undefined;
}

function invokeConfigSettings(c: EventInvokeConfig): WayInSettings | undefined {
  return settingsOf({
    [ON_FAILURE]: c.DestinationConfig?.OnFailure?.Destination,
    "on-success destination": c.DestinationConfig?.OnSuccess?.Destination,
    [RETRY_ATTEMPTS]: valueText(c.MaximumRetryAttempts, "number"),
    [EVENT_AGE]: valueText(c.MaximumEventAgeInSeconds, "number"),
  });
}

/**
 * A value of the type AWS gives (`kinds`), as text; another value a hand-made file holds there as its JSON ("\"NaN\""
 * for a number, not NaN): read as unset, it said "now none" of a batch size still set, and two odd values of two
 * scans read as no change.
 */
function valueText(v: unknown, ...kinds: ("number" | "string" | "boolean")[]): string | undefined {
  if (v === undefined || v === null) return undefined;
  return kinds.some((k) => typeof v === k) ? String(v) : orderFreeJson(v);
}

/**
 * The settings `all` names a value for, in its order. Built key by key, not through Object.entries and fromEntries:
 * every mapping of a 10k-function account asks it (docs/analysis-performance.md, fifty-seventh session).
 */
function settingsOf(all: Record<string, string | null | undefined>): WayInSettings | undefined {
  let set: WayInSettings | undefined;
  for (const key in all) {
    const value = all[key];
    if (typeof value === "string" && value !== "") (set ??= {})[key] = value;
  }
  return set;
}

/** JSON with object keys sorted and lists of plain values sorted: CORS gives neither an order. */
function orderFreeJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(norm);
      return items.every((i) => typeof i !== "object" || i === null) ? [...items].sort((a, b) => String(a).localeCompare(String(b))) : items;
    }
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(norm(value));
}
