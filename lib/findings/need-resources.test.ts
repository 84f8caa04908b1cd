/**
 * Every need of the needs rules is asked on a resource its action is authorised against (the Service Authorization
 * Reference's resource types, from the action catalog): DocumentDB's parameter-group read on a parameter group, not
 * on the cluster. An action for which the reference lists no resource type may be asked on `*` or on the ARN AWS's
 * guides grant it on (dynamodb:ListStreams on the stream): asked on the ARN, a `*` grant passes as well.
 */
import { describe, expect, it } from "vitest";
import type { FunctionModel } from "@/lib/analysis/account-model";
import { resourceArnTemplates } from "@/lib/catalog/actions";
import { globsOverlap } from "@/lib/policy/wildcard";
import type { EventSourceMapping } from "@/lib/snapshot/schema";
import { eventSourceNeeds } from "./event-source-needs";
import { functionEniNeeds } from "./network-interface-needs";
import type { Need } from "./role-needs";
import { destinationNeeds } from "./rules/async-target-permission-missing";
import { logNeeds } from "./rules/logs-permission-missing";
import { TRACING_NEEDS } from "./rules/tracing-permission-missing";
import { kmsKeyNeeds } from "./kms-key-needs";
import { kmsKeyRef } from "@/lib/analysis/kms-key";
import { NO_KMS_READS } from "@/lib/analysis/kms-keys";

const A = "123456789012";
const R = "us-east-1";
const fn = { name: "orders", arn: `arn:aws:lambda:${R}:${A}:function:orders`, region: R, account: A, config: {} } as unknown as FunctionModel;
const secret = `arn:aws:secretsmanager:${R}:${A}:secret:broker-creds-AbCdEf`;
const vpcAccess = [
  { Type: "VPC_SUBNET", URI: "subnet:subnet-0123" },
  { Type: "VPC_SECURITY_GROUP", URI: "security_group:sg-0123" },
];

const MAPPINGS: Record<string, Partial<EventSourceMapping>> = {
  sqs: { EventSourceArn: `arn:aws:sqs:${R}:${A}:orders-queue` },
  kinesis: { EventSourceArn: `arn:aws:kinesis:${R}:${A}:stream/clicks` },
  "kinesis consumer": { EventSourceArn: `arn:aws:kinesis:${R}:${A}:stream/clicks/consumer/lambda:1700000000` },
  dynamodb: { EventSourceArn: `arn:aws:dynamodb:${R}:${A}:table/orders/stream/2026-06-30T12:00:04.377` },
  "msk iam": { EventSourceArn: `arn:aws:kafka:${R}:${A}:cluster/events/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-2`, Topics: ["orders"] },
  "msk scram": {
    EventSourceArn: `arn:aws:kafka:${R}:${A}:cluster/events/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-2`,
    SourceAccessConfigurations: [{ Type: "SASL_SCRAM_512_AUTH", URI: secret }],
  },
  "msk with a Glue schema registry": {
    EventSourceArn: `arn:aws:kafka:${R}:${A}:cluster/events/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-2`,
    AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: "g", SchemaRegistryConfig: { SchemaRegistryURI: `arn:aws:glue:${R}:${A}:registry/orders`, EventRecordFormat: "JSON" } },
  },
  "self-managed kafka with a Confluent schema registry": {
    SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ["b-1.example.com:9092"] } },
    SelfManagedKafkaEventSourceConfig: {
      SchemaRegistryConfig: { SchemaRegistryURI: "https://psrc-abc12.us-east-2.aws.confluent.cloud", AccessConfigs: [{ Type: "BASIC_AUTH", URI: secret }] },
    },
  } as Partial<EventSourceMapping>,
  mq: {
    EventSourceArn: `arn:aws:mq:${R}:${A}:broker:orders:b-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
    SourceAccessConfigurations: [{ Type: "BASIC_AUTH", URI: secret }],
  },
  documentdb: {
    EventSourceArn: `arn:aws:rds:${R}:${A}:cluster:orders-docdb`,
    SourceAccessConfigurations: [{ Type: "BASIC_AUTH", URI: secret }],
  },
  "self-managed kafka in a VPC": {
    SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ["b-1.example.com:9092"] } },
    SourceAccessConfigurations: [{ Type: "BASIC_AUTH", URI: secret }, ...vpcAccess],
  },
};

const NEEDS: Record<string, Need[]> = {
  ...Object.fromEntries(
    Object.entries(MAPPINGS).map(([name, m]) => [`${name} mapping`, eventSourceNeeds({ UUID: "u-1", ...m } as EventSourceMapping, fn, "aws")?.needs ?? []]),
  ),
  "VPC function": functionEniNeeds({ partition: "aws", region: R, account: A, subnetIds: ["subnet-0123"], securityGroupIds: ["sg-0123"] }),
  logs: logNeeds(fn, "aws", "2026-11-20T09:30:00Z"),
  tracing: TRACING_NEEDS,
  ...Object.fromEntries(
    ["1234abcd-12ab-34cd-56ef-1234567890ab", "alias/orders"].map((key) => [
      `queue key ${key}`,
      kmsKeyNeeds(NO_KMS_READS, kmsKeyRef(key, { partition: "aws", region: R, account: A })!, ["kms:Decrypt", "kms:GenerateDataKey"]),
    ]),
  ),
  ...Object.fromEntries(
    [`arn:aws:sqs:${R}:${A}:dlq`, `arn:aws:sns:${R}:${A}:failures`, `${fn.arn}-next`, `arn:aws:events:${R}:${A}:event-bus/default`, "arn:aws:s3:::failed-records"].map(
      (target) => [`destination ${target}`, destinationNeeds(target) ?? []],
    ),
  ),
};

/** `arn:${Partition}:sqs:${Region}:${Account}:${QueueName}` as a glob. */
function templateGlob(template: string): string {
  return template.replace(/\$\{[^}]*\}/g, "*");
}

/** Why `resource` is not one `action` is authorised against, or undefined when it is. */
function misfit(action: string, resource: string): string | undefined {
  const templates = resourceArnTemplates(action);
  if (templates === undefined) return `${action} is not in the action catalog`;
  if (templates.length === 0) return undefined;
  if (templates.some((t) => globsOverlap(templateGlob(t), resource))) return undefined;
  return `${resource} is none of ${action}'s resource types (${templates.join(", ")})`;
}

describe("needs are asked on resources their actions are authorised against", () => {
  it("covers every kind of mapping", () => {
    for (const [name, needs] of Object.entries(NEEDS)) expect(needs.length, name).toBeGreaterThan(0);
  });

  it("covers what a schema registry adds: the Glue registry's reads, a Confluent registry's secret", () => {
    const actions = (name: string) => NEEDS[`${name} mapping`]?.map((n) => `${n.action} ${n.resources.join(" ")}`);
    expect(actions("msk with a Glue schema registry")).toEqual(
      expect.arrayContaining([`glue:GetRegistry arn:aws:glue:${R}:${A}:registry/orders`, `glue:GetSchemaVersion arn:aws:glue:${R}:${A}:registry/orders`]),
    );
    expect(actions("self-managed kafka with a Confluent schema registry")).toEqual(
      expect.arrayContaining([`secretsmanager:GetSecretValue ${secret}`, `kms:Decrypt arn:aws:kms:${R}:${A}:key/*`]),
    );
  });

  for (const [name, needs] of Object.entries(NEEDS)) {
    it(name, () => {
      const problems: string[] = [];
      for (const need of needs) {
        for (const action of [need.action, ...(need.or ?? [])]) {
          for (const resource of [...need.resources, ...(need.grantResource ? [need.grantResource] : [])]) {
            const why = misfit(action, resource.replace(/<[^>]*>/g, "x"));
            if (why) problems.push(why);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("resourceArnTemplates", () => {
  it("lists an action's resource types, none for one without resource-level permissions, undefined when unknown", () => {
    expect(resourceArnTemplates("SQS:receivemessage")).toEqual(["arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"]);
    expect(resourceArnTemplates("dynamodb:ListStreams")).toEqual([]);
    expect(resourceArnTemplates("s3:PutObject")).toContain("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    expect(resourceArnTemplates("sqs:NoSuchAction")).toBeUndefined();
  });
});
