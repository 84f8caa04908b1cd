/**
 * Which Kinesis data streams a function's event source mappings read. A mapping names the stream, or one of its
 * enhanced fan-out consumers (arn:…:stream/<name>/consumer/<consumer>:<creation timestamp>), which reads the stream
 * it is registered with: the records, and so the stream's encryption key, are the stream's. One reading for the
 * scanner (which streams' encryption to read), the needs table and analysis.
 */
type Arn = string | null | undefined;

/** arn:<partition>:kinesis:<region>:<account>:stream/<name> (1–128 of [A-Za-z0-9_.-]), optionally /consumer/<c>:<ts>. */
const STREAM_ARN = /^(arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\d{12}):stream\/([A-Za-z0-9_.-]{1,128}))(\/consumer\/[A-Za-z0-9_.-]{1,128}:\d+)?$/;

export interface StreamArnParts {
  /** The stream's own ARN, without a consumer part. */
  stream: string;
  /** The consumer ARN, when the ARN names an enhanced fan-out consumer. */
  consumer?: string;
  partition: string;
  region: string;
  account: string;
  name: string;
}

export function parseStreamArn(arn: string): StreamArnParts | undefined {
  const m = STREAM_ARN.exec(arn);
  if (!m) return undefined;
  return {
    stream: m[1] as string,
    ...(m[6] ? { consumer: arn } : {}),
    partition: m[2] as string,
    region: m[3] as string,
    account: m[4] as string,
    name: m[5] as string,
  };
}

/** The streams the mappings read, each once, sorted. */
export function streamsUsed(mappings: Iterable<{ EventSourceArn?: Arn }>): string[] {
  const out = new Set<string>();
  for (const m of mappings) {
    const stream = typeof m.EventSourceArn === "string" ? parseStreamArn(m.EventSourceArn)?.stream : undefined;
    if (stream) out.add(stream);
  }
  return [...out].sort();
}
