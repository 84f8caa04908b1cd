/**
 * The schema registry a Kafka mapping (MSK or self-managed) validates and deserializes its records with
 * (`…KafkaEventSourceConfig.SchemaRegistryConfig`), and what the execution role needs to read it. The snapshot keeps
 * Lambda's response as it came, so the block is read as untyped JSON: a part of the wrong shape is named in
 * `unreadable`, never thrown on, and never read as "no registry".
 */
import type { EventSourceMapping } from "@/lib/snapshot/schema";
import type { Need } from "./role-needs";

export interface SchemaRegistry {
  /** The AWS Glue registry's ARN, when SchemaRegistryURI names one (a Confluent registry has a URL instead). */
  glueRegistry?: string;
  /** Secrets Manager secrets of AccessConfigs, which Lambda reads to authenticate with the registry. */
  secrets: string[];
  /** What in the block could not be read, for the report's list of gaps; undefined when all of it was. */
  unreadable?: string;
}

const CONFIG_KEYS = ["AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"] as const;
/** arn:aws:glue:R:A:registry/<name>, the form CDK's GlueSchemaRegistry also requires. */
const GLUE_REGISTRY = /^arn:[^:]+:glue:[^:]*:[^:]*:registry\/[^/]+$/;
const SECRET = /^arn:[^:]+:secretsmanager:/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The mapping's schema registry; undefined when it has none (the block absent or null). */
export function schemaRegistryOf(m: EventSourceMapping): SchemaRegistry | undefined {
  for (const key of CONFIG_KEYS) {
    const config: unknown = (m as Record<string, unknown>)[key];
    const registry = isObject(config) ? config.SchemaRegistryConfig : undefined;
    if (registry === undefined || registry === null) continue;
    const where = `${key}.SchemaRegistryConfig`;
    if (!isObject(registry)) return { secrets: [], unreadable: `${where} is not an object` };
    const bad: string[] = [];
    const uri = registry.SchemaRegistryURI;
    if (uri === undefined || uri === null) bad.push("it names no SchemaRegistryURI");
    else if (typeof uri !== "string") bad.push("SchemaRegistryURI is not a string");
    // Neither a Glue registry nor a registry's URL: which registry, and what reading it needs, is unknown.
    else if (!GLUE_REGISTRY.test(uri) && !/^https?:\/\//i.test(uri)) bad.push("SchemaRegistryURI is neither a Glue registry ARN nor a URL");
    const access = registry.AccessConfigs ?? [];
    if (!Array.isArray(access)) bad.push("AccessConfigs is not a list");
    const secrets = new Set<string>();
    let noSecret = 0;
    for (const c of Array.isArray(access) ? (access as unknown[]) : []) {
      const secret = isObject(c) ? c.URI : undefined;
      if (typeof secret === "string" && SECRET.test(secret)) secrets.add(secret);
      else noSecret++;
    }
    if (noSecret) bad.push(`${noSecret} of AccessConfigs name${noSecret === 1 ? "s" : ""} no Secrets Manager secret`);
    return {
      ...(typeof uri === "string" && GLUE_REGISTRY.test(uri) ? { glueRegistry: uri } : {}),
      secrets: [...secrets],
      ...(bad.length ? { unreadable: `${where}: ${bad.join("; ")}` } : {}),
    };
  }
  return undefined;
}

/**
 * glue:GetRegistry and glue:GetSchemaVersion, both asked on the registry's ARN: the Service Authorization Reference
 * lists registry as GetRegistry's resource type, and registry or schema (neither required) as GetSchemaVersion's.
 * - https://docs.aws.amazon.com/lambda/latest/api/API_KafkaSchemaRegistryAccessConfig.html: "If you're working with
 *   an AWS Glue schema registry, don't provide authentication details in this object. Instead, ensure that your
 *   execution role has the required permissions for Lambda to access your cluster."
 * - https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-selfmanagedkafka.html:
 *   "To use Schema Registry, you need to define specific IAM role permissions for your function."; its "Complete
 *   setup with IAM roles" grants glue:GetRegistry on the registry and the schema-version read on `*`, while CDK's
 *   GlueSchemaRegistry grants glue:GetSchemaVersion on the registry and its schemas: asked on the registry, both pass.
 * Core, not secondary: a registry Lambda cannot read stops every record, since it checks each one before the
 * function runs (https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html: "you can configure
 * a schema registry to validate the structure and format of Kafka messages against predefined schemas before they
 * reach your Lambda function").
 */
export function glueRegistryNeeds(registryArn: string): Need[] {
  return ["glue:GetRegistry", "glue:GetSchemaVersion"].map((action) => ({ action, resources: [registryArn] }));
}
