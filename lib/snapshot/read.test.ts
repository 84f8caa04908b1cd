import { describe, expect, it, vi } from "vitest";
import { gzipSync } from "node:zlib";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseSnapshot, parseSnapshotValue, readSnapshot, readSnapshotFile, readSnapshotInTurns, SnapshotReadError } from "./read";
import { hasEnvironmentValues, REDACTED } from "./redact";

const minimal = {
  format: "lambda-permissions-graph/snapshot@1",
  capturedAt: "2026-11-28T10:00:00Z",
  account: "123456789012",
  regions: {
    "us-east-1": {
      ListFunctions: {
        Functions: [
          {
            FunctionName: "f",
            FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
            Environment: { Variables: { DB_PASSWORD: "hunter2", MODE: "prod" } },
            SomeFutureField: { kept: true },
          },
        ],
      },
    },
  },
};

/** Files no snapshot can be read from, each with (part of) the error that says so. */
const UNREADABLE: [string, string | Buffer, RegExp][] = [
  ["truncated JSON", '{"format": "lambda-permissions-graph/snapshot@1", "acc', /not valid JSON/],
  ["an array", "[]", /expected a JSON object/],
  ["an empty file", "", /snapshot: the file is empty; give a snapshot written by `scan --out`/],
  ["whitespace only", " \n\t\n", /the file is empty/],
  ["empty gzipped bytes", gzipSync(Buffer.from("")), /the file is empty/],
  ["no format", JSON.stringify({ account: "123456789012" }), /missing "format"/],
  ["another tool's file", JSON.stringify({ ...minimal, format: "something-else" }), /not a Lambda Permissions Graph snapshot/],
  ["a future major version", JSON.stringify({ ...minimal, format: "lambda-permissions-graph/snapshot@2" }), /version "2" is not supported/],
  // Upgrading reads an older or garbled version no better: a new scan does.
  ["an older major version", JSON.stringify({ ...minimal, format: "lambda-permissions-graph/snapshot@0.9" }), /version "0.9" is older than version 1, the one this version reads; scan the account again/],
  ["no version number", JSON.stringify({ ...minimal, format: "lambda-permissions-graph/snapshot@latest" }), /version "latest" is not a version number \(this version reads version 1\); scan the account again/],
  ["a bad account id", JSON.stringify({ ...minimal, account: "12" }), /account: must be a 12-digit/],
  // Not in a list entry or a per-resource answer, which the reader sets aside instead (salvage.test.ts).
  ["a wrong type deep inside", JSON.stringify({ ...minimal, sts: { GetCallerIdentity: { Arn: 7 } } }), /sts\.GetCallerIdentity\.Arn/],
  ["corrupt gzip", Buffer.from([0x1f, 0x8b, 1, 2, 3]), /not a valid gzip file/],
  ["nesting past the limit", `{"format": "lambda-permissions-graph/snapshot@1", "x": ${"[".repeat(300)}`, /nested more than 256 levels deep/],
  ["a gzip bomb", gzipSync("x".repeat(4 * 1024 * 1024)), /decompresses to more than 100 times its/],
];

describe("parseSnapshot", () => {
  it("accepts a minimal snapshot, defaults partition and errors, keeps unknown fields", () => {
    const s = parseSnapshot(JSON.stringify(minimal));
    expect(s.partition).toBe("aws");
    expect(s.errors).toEqual([]);
    const fn = s.regions["us-east-1"]?.ListFunctions?.Functions[0];
    expect((fn as Record<string, unknown>).SomeFutureField).toEqual({ kept: true });
  });

  it("reads SQS GetQueueAttributes per queue ARN: any attributes, a missing Attributes, odd values kept for analysis to judge", () => {
    const q = "arn:aws:sqs:us-east-1:123456789012:orders";
    const withQueues = structuredClone(minimal) as { regions: Record<string, Record<string, unknown>> };
    withQueues.regions["us-east-1"]!.GetQueueAttributes = {
      [q]: { Attributes: { KmsMasterKeyId: "alias/orders", SqsManagedSseEnabled: "false", Future: "x" } },
      [`${q}-dlq`]: {},
      [`${q}-odd`]: { Attributes: { KmsMasterKeyId: 7 } },
    };
    const s = parseSnapshot(JSON.stringify(withQueues));
    const read = s.regions["us-east-1"]?.GetQueueAttributes;
    expect(read?.[q]?.Attributes).toEqual({ KmsMasterKeyId: "alias/orders", SqsManagedSseEnabled: "false", Future: "x" });
    expect(read?.[`${q}-dlq`]).toEqual({});
    expect(read?.[`${q}-odd`]?.Attributes?.KmsMasterKeyId).toBe(7);
  });

  it("a queue entry that is not an object is set aside as a malformed answer naming where it is (salvage.ts)", () => {
    const bad = structuredClone(minimal) as { regions: Record<string, Record<string, unknown>> };
    const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
    bad.regions["us-east-1"]!.GetQueueAttributes = { [queue]: "encrypted" };
    const s = parseSnapshot(JSON.stringify(bad));
    expect(s.regions["us-east-1"]?.GetQueueAttributes).toEqual({});
    expect(s.errors).toContainEqual(expect.objectContaining({ region: "us-east-1", operation: "GetQueueAttributes", target: queue, code: "MalformedResponse", message: expect.stringMatching(/^the answer: Invalid input: expected object/) }));
  });

  it("reads SNS GetTopicAttributes per topic ARN; an entry that is not an object is set aside as a malformed answer", () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:failures";
    const withTopics = structuredClone(minimal) as { regions: Record<string, Record<string, unknown>> };
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    withTopics.regions["us-east-1"]!.GetTopicAttributes = { [topic]: { Attributes: { Policy: policy } }, [`${topic}-bare`]: { Attributes: {} }, [`${topic}-odd`]: "public" };
    const s = parseSnapshot(JSON.stringify(withTopics));
    expect(s.regions["us-east-1"]?.GetTopicAttributes).toEqual({ [topic]: { Attributes: { Policy: policy } }, [`${topic}-bare`]: { Attributes: {} } });
    expect(s.errors).toContainEqual(expect.objectContaining({ region: "us-east-1", operation: "GetTopicAttributes", target: `${topic}-odd`, code: "MalformedResponse" }));
  });

  it("reads Kinesis DescribeStreamSummary per stream ARN: the API's whole summary, a missing summary, odd values kept for analysis to judge", () => {
    const st = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    const withStreams = structuredClone(minimal) as { regions: Record<string, Record<string, unknown>> };
    withStreams.regions["us-east-1"]!.DescribeStreamSummary = {
      [st]: { StreamDescriptionSummary: { StreamARN: st, EncryptionType: "KMS", KeyId: "alias/aws/kinesis", OpenShardCount: 2, Future: { x: 1 } } },
      [`${st}-empty`]: {},
      [`${st}-odd`]: { StreamDescriptionSummary: { EncryptionType: 3, KeyId: ["k"] } },
    };
    const s = parseSnapshot(JSON.stringify(withStreams));
    const read = s.regions["us-east-1"]?.DescribeStreamSummary;
    expect(read?.[st]?.StreamDescriptionSummary).toEqual({ StreamARN: st, EncryptionType: "KMS", KeyId: "alias/aws/kinesis", OpenShardCount: 2, Future: { x: 1 } });
    expect(read?.[`${st}-empty`]).toEqual({});
    expect(read?.[`${st}-odd`]?.StreamDescriptionSummary).toEqual({ EncryptionType: 3, KeyId: ["k"] });
  });

  it("a stream entry whose summary is not an object is set aside as a malformed answer naming the field", () => {
    const bad = structuredClone(minimal) as { regions: Record<string, Record<string, unknown>> };
    const stream = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    bad.regions["us-east-1"]!.DescribeStreamSummary = { [stream]: { StreamDescriptionSummary: "KMS" } };
    const s = parseSnapshot(JSON.stringify(bad));
    expect(s.errors).toContainEqual(expect.objectContaining({ operation: "DescribeStreamSummary", target: stream, code: "MalformedResponse", message: expect.stringMatching(/^StreamDescriptionSummary: Invalid input/) }));
  });

  it("redacts environment values on import (snapshot.md)", () => {
    const s = parseSnapshot(structuredClone(minimal));
    const vars = s.regions["us-east-1"]?.ListFunctions?.Functions[0]?.Environment?.Variables;
    expect(vars).toEqual({ DB_PASSWORD: REDACTED, MODE: REDACTED });
    expect(hasEnvironmentValues(s)).toBe(false);
    expect(JSON.stringify(s)).not.toContain("hunter2");
  });

  it("redacts environment values wherever another tool put them (versions, GetFunction, deep inside)", () => {
    const input = structuredClone(minimal) as Record<string, any>;
    const region = input.regions["us-east-1"];
    region.ListVersionsByFunction = { Versions: [{ FunctionName: "f", Version: "3", Environment: { Variables: { TOKEN: "v3-secret" } } }] };
    region.GetFunction = { "arn:aws:lambda:us-east-1:123456789012:function:f": { Configuration: { Environment: { Variables: { KEY: "get-secret" } } } } };
    region.Extra = { a: [{ b: { c: { Environment: { Variables: { DEEP: "deep-secret" } } } } }] };
    // Outside the regions too: unknown top-level fields are kept, and stored, as written.
    input.lambdaFunctions = [{ FunctionName: "x", Environment: { Variables: { DB_PASSWORD: "top-secret" } } }];
    input.iam = { GetAccountAuthorizationDetails: { RoleDetailList: [] }, Extra: { Environment: { Variables: { IAM_SIDE: "iam-secret" } } } };
    const s = parseSnapshot(input);
    expect(hasEnvironmentValues(s)).toBe(false);
    const text = JSON.stringify(s);
    for (const secret of ["hunter2", "v3-secret", "get-secret", "deep-secret", "top-secret", "iam-secret"]) expect(text).not.toContain(secret);
    expect(text).toContain('"TOKEN":"<redacted>"');
  });

  it("redacts environment values in the shapes other tools write: lower case (AWS Config), a list of blocks (Terraform)", () => {
    const input = structuredClone(minimal) as Record<string, any>;
    input.configItems = [{ resourceType: "AWS::Lambda::Function", configuration: { environment: { variables: { API_KEY: "config-secret" } } } }];
    input.terraform = { resources: [{ type: "aws_lambda_function", instances: [{ attributes: { environment: [{ variables: { DB_PASSWORD: "tf-secret" } }] } }] }] };
    input.regions["us-east-1"].Extra = { Environment: [{ Variables: { TOKEN: "list-secret" } }] };
    const s = parseSnapshot(input);
    expect(hasEnvironmentValues(s)).toBe(false);
    const text = JSON.stringify(s);
    for (const secret of ["config-secret", "tf-secret", "list-secret"]) expect(text).not.toContain(secret);
    // Names stay, as for the scanner's own shape.
    expect(text).toContain('"API_KEY":"<redacted>"');
    expect(text).toContain('"DB_PASSWORD":"<redacted>"');
  });

  it("keeps a function whose environment holds a value that is no string, redacted (snapshot.md: nothing else lost)", () => {
    const input = structuredClone(minimal) as Record<string, any>;
    input.regions["us-east-1"].ListFunctions.Functions[0].Environment.Variables = { PORT: 8080, EMPTY: null, NESTED: { pin: "4321" } };
    const { snapshot, setAside } = readSnapshot(input);
    expect(setAside).toEqual([]);
    const fn = snapshot.regions["us-east-1"]?.ListFunctions?.Functions[0];
    expect(fn?.FunctionArn).toBe("arn:aws:lambda:us-east-1:123456789012:function:f");
    expect(fn?.Environment?.Variables).toEqual({ PORT: REDACTED, EMPTY: REDACTED, NESTED: REDACTED });
    expect(JSON.stringify(snapshot)).not.toMatch(/8080|4321/);
  });

  it("redacts the presigned code URL of another tool's GetFunction answer, keeping where the image comes from", () => {
    const input = structuredClone(minimal) as Record<string, any>;
    const location = "https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/123456789012/f?X-Amz-Security-Token=tok&X-Amz-Signature=sig";
    const imageUri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:latest";
    input.regions["us-east-1"].GetFunction = { "arn:aws:lambda:us-east-1:123456789012:function:f": { Code: { RepositoryType: "ECR", ImageUri: imageUri, Location: location } } };
    const s = parseSnapshot(input);
    const text = JSON.stringify(s);
    expect(text).not.toContain("X-Amz-Signature");
    expect(text).toContain(imageUri);
    expect(hasEnvironmentValues(s)).toBe(false);
    (s as Record<string, any>).elsewhere = { Code: { Location: location } };
    expect(hasEnvironmentValues(s)).toBe(true);
  });

  it("redacts the presigned URL of another tool's GetLayerVersion answer, keeping the layer's other fields", () => {
    const input = structuredClone(minimal) as Record<string, any>;
    const location = "https://prod-04-2014-layers.s3.us-east-1.amazonaws.com/snapshots/123456789012/l?X-Amz-Security-Token=tok&X-Amz-Signature=sig";
    input.regions["us-east-1"].GetLayerVersion = { "arn:aws:lambda:us-east-1:123456789012:layer:l:1": { Content: { Location: location, CodeSha256: "abc=", CodeSize: 10 } } };
    const s = parseSnapshot(input);
    const text = JSON.stringify(s);
    expect(text).not.toContain("X-Amz-Signature");
    expect(text).toContain('"CodeSha256":"abc="');
    expect(hasEnvironmentValues(s)).toBe(false);
  });

  it("hasEnvironmentValues sees a value outside the regions as the redaction does", () => {
    // Its checks above hold only if it looks where redactEnvironment looks: an unredacted top-level field is found.
    const s = parseSnapshot(structuredClone(minimal));
    (s as Record<string, unknown>).lambdaFunctions = [{ FunctionName: "x", Environment: { Variables: { DB_PASSWORD: "top-secret" } } }];
    expect(hasEnvironmentValues(s)).toBe(true);
  });

  it("redacts environment values nested deeper than the call stack allows, at every depth", () => {
    const input = structuredClone(minimal) as Record<string, any>;
    // 30,000 levels of objects and arrays, an Environment every 97 levels: the walk recurses only so deep.
    const top: Record<string, unknown> = {};
    let node: Record<string, unknown> = top;
    for (let depth = 0; depth < 30_000; depth++) {
      if (depth % 97 === 0) node.Environment = { Variables: { [`AT_${depth}`]: `secret-${depth}` } };
      const child: Record<string, unknown> = {};
      node.next = depth % 2 ? child : [child];
      node = child;
    }
    input.regions["us-east-1"].Extra = top;
    const s = parseSnapshotValue(input);
    expect(hasEnvironmentValues(s)).toBe(false);
    let seen = 0;
    for (let n: any = (s.regions["us-east-1"] as any).Extra; n; n = Array.isArray(n.next) ? n.next[0] : n.next) {
      if (n.Environment) {
        expect(Object.values(n.Environment.Variables)).toEqual([REDACTED]);
        seen++;
      }
    }
    expect(seen).toBe(Math.ceil(30_000 / 97));
  });

  it("says null for a file holding JSON null", () => {
    expect(() => parseSnapshot("null", "n.json")).toThrow('n.json: expected a JSON object with a "format" field, got null');
  });

  it("reads a file that starts with a UTF-8 byte order mark", () => {
    const s = parseSnapshot(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(minimal))]));
    expect(s.account).toBe("123456789012");
  });

  it("reads gzipped bytes", () => {
    const s = parseSnapshot(gzipSync(Buffer.from(JSON.stringify(minimal))));
    expect(s.account).toBe("123456789012");
  });

  // The ratio is asked of a user's gzip; the store's own files, gzipped from a snapshot it had read, are not held to it.
  it("holds a user's gzip to 100 times its size, and a file the store wrote only to the size limit", () => {
    const gz = gzipSync(JSON.stringify({ ...minimal, note: "x".repeat(2 * 1024 * 1024) }));
    expect(() => parseSnapshot(gz, "u.json.gz")).toThrow(/^u\.json\.gz: decompresses to more than 100 times its/);
    expect(parseSnapshot(gz, "stored", { ownFile: true }).account).toBe("123456789012");
  });

  it.each(UNREADABLE)("rejects %s with a clear error", (_name, input, message) => {
    expect(() => parseSnapshot(input)).toThrow(SnapshotReadError);
    expect(() => parseSnapshot(input)).toThrow(message);
  });

  it.each(UNREADABLE)("rejects %s in turns too, with the same error (the dashboard's store reads in turns)", async (_name, input) => {
    const bytes = typeof input === "string" ? Buffer.from(input) : input;
    let atOnce: unknown;
    try {
      readSnapshot(bytes, "s.json");
    } catch (e: unknown) {
      atOnce = e;
    }
    expect(atOnce).toBeInstanceOf(SnapshotReadError);
    await expect(readSnapshotInTurns(bytes, "s.json")).rejects.toThrow(new SnapshotReadError((atOnce as Error).message));
    await expect(readSnapshotInTurns(bytes, "s.json")).rejects.toBeInstanceOf(SnapshotReadError);
  });

  it("reads in turns what it reads at once, environment values redacted and entries set aside alike", async () => {
    const odd = { ...minimal, sqs: { GetQueueAttributes: { "arn:aws:sqs:us-east-1:123456789012:q": 7 } } };
    for (const input of [JSON.stringify(minimal), JSON.stringify(odd), gzipSync(JSON.stringify(minimal))]) {
      const bytes = typeof input === "string" ? Buffer.from(input) : input;
      expect(await readSnapshotInTurns(bytes, "s.json")).toEqual(readSnapshot(bytes, "s.json"));
    }
  });

  // A newcomer's first try is often the AWS CLI's own output (get-account-authorization-details): the error must say
  // what file is wanted, not only which field is missing.
  it.each([
    ["the AWS CLI's output", JSON.stringify({ RoleDetailList: [], UserDetailList: [] }), 'a.json: missing "format"; expected "lambda-permissions-graph/snapshot@1"'],
    ["another tool's file", JSON.stringify({ ...minimal, format: "cyclonedx@1.5" }), 'a.json: "format" is "cyclonedx@1.5", not a Lambda Permissions Graph snapshot (expected "lambda-permissions-graph/snapshot@1")'],
    ["an array", "[]", 'a.json: expected a JSON object with a "format" field, got an array'],
  ])("a file that is not a snapshot (%s) says which file to give", (_name, input, start) => {
    expect(() => parseSnapshot(input, "a.json")).toThrow(`${start}; give a snapshot written by \`scan --out\` (docs/scan.md)`);
  });

  // The message reaches CI logs (`analyze`), the uploader and the page of a stored file that no longer reads.
  it.each([
    ["an unquoted value", '{"format": "lambda-permissions-graph/snapshot@1", "Environment": {"Variables": {"DB_PASSWORD": hunter2-s3cr3t}}}'],
    ["a whole file that is one bare word", "hunter2-s3cr3t"],
  ])("a JSON error quotes none of the file's text: %s", (_name, input) => {
    let message = "";
    try {
      parseSnapshot(input, "s.json");
    } catch (e: unknown) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^s\.json: not valid JSON \(/);
    expect(message).not.toMatch(/hun|ter2|s3cr3t|PASSWORD/);
  });

  it("a JSON error still says where it is when V8 gives a position", () => {
    expect(() => parseSnapshot('{"format": "lambda-permissions-graph/snapshot@1",}', "s.json")).toThrow(/in JSON at position \d+/);
  });
});

describe("readSnapshotFile", () => {
  it("names the file when it does not exist", async () => {
    await expect(readSnapshotFile("/nonexistent/x.json")).rejects.toThrow("/nonexistent/x.json: cannot read (no such file)");
  });

  it("reads a .json.gz file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-read-"));
    const file = path.join(dir, "s.json.gz");
    writeFileSync(file, gzipSync(JSON.stringify(minimal)));
    expect((await readSnapshotFile(file)).capturedAt).toBe("2026-11-28T10:00:00Z");
  });

  it("a .gz file that is not gzip data says so, as upload does (not \"not valid JSON\" of bytes it never unpacked)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-read-"));
    const file = path.join(dir, "s.json.gz");
    writeFileSync(file, "PK\u0003\u0004 a zip, say");
    await expect(readSnapshotFile(file)).rejects.toThrow(`${file}: named .gz but is not gzip data`);
    // A plain JSON snapshot named .gz was read before and still is.
    writeFileSync(file, JSON.stringify(minimal));
    expect((await readSnapshotFile(file)).capturedAt).toBe("2026-11-28T10:00:00Z");
  });
});

describe("SnapshotReadError across copies of its module", () => {
  it("is one for every copy: Next bundles read.ts into each route, and the shared store throws the copy that made it", async () => {
    vi.resetModules();
    const other = await import("./read");
    expect(other.SnapshotReadError).not.toBe(SnapshotReadError);
    expect(new other.SnapshotReadError("x")).toBeInstanceOf(SnapshotReadError);
    expect(new SnapshotReadError("x")).toBeInstanceOf(other.SnapshotReadError);
    expect(new Error("x")).not.toBeInstanceOf(SnapshotReadError);
    expect(Object.assign(new Error("x"), { name: "SnapshotReadError" })).not.toBeInstanceOf(SnapshotReadError);
  });
});
