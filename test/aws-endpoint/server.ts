/**
 * A local AWS endpoint for tests and the benchmark: one HTTP server on 127.0.0.1 that answers IAM
 * (GetAccountAuthorizationDetails, and GetPolicy and GetPolicyVersion: iam-policies.ts; the per-role reads: iam-roles.ts) and STS (Query protocol, XML), EC2 DescribeRegions (EC2 protocol, XML), Lambda (REST-JSON), SQS GetQueueAttributes
 * (AWS JSON 1.0), SNS GetTopicAttributes (Query protocol, XML: sns.ts), Kinesis DescribeStreamSummary and KMS DescribeKey, GetKeyPolicy and ListGrants (AWS JSON 1.1), and
 * EFS DescribeAccessPoints and DescribeFileSystemPolicy (REST-JSON), ECR GetRepositoryPolicy and Organizations'
 * DescribeOrganization, ListRoots, ListParents, ListPoliciesForTarget and DescribePolicy (AWS JSON 1.1) from a
 * scenario. The real SDK talks to it through `AWS_ENDPOINT_URL` (or an `endpoint` client option); the service
 * and region come from the SigV4 credential scope, as on AWS. Every request is recorded (service, operation, region, status), so
 * tests can check what the product sent, not what it claims to send.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { Scenario } from "./scenario";
import { Faults, type FaultOptions } from "./faults";
import { ec2Error, ec2Response, queryError, queryResponse } from "./xml";
import { managedPolicyAnswer } from "./iam-policies";
import { isRoleRead, requestedRole, roleReadAnswer } from "./iam-roles";
import { lambdaError, lambdaTarget, routeLambda, type HttpAnswer } from "./lambda";
import { sqsService } from "./sqs";
import { routeSns, snsError } from "./sns";
import { kinesisService } from "./kinesis";
import { kmsService } from "./kms";
import { efsError, routeEfs } from "./efs";
import { ecrService } from "./ecr";
import { organizationsService } from "./organizations";
import { jsonOperation, parseJsonBody, type JsonService } from "./json-service";

export interface RecordedCall {
  service: string;
  operation: string;
  region?: string;
  target?: string;
  status: number;
}

export interface EndpointOptions {
  scenario: Scenario;
  faults?: FaultOptions;
  /** Largest page the server returns, whatever MaxItems asks (AWS may return fewer items than asked). */
  pageSize?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Credentials the endpoint accepts; requests signed with another access key get InvalidClientTokenId. */
  accessKeyId?: string;
}

export interface AwsEndpoint {
  url: string;
  calls: RecordedCall[];
  /** Calls per operation, e.g. { GetPolicy: 31 }. */
  countByOperation(filter?: (c: RecordedCall) => boolean): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

function credentialScope(req: IncomingMessage): { accessKeyId?: string; region?: string; service?: string } {
  const auth = String(req.headers.authorization ?? "");
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : {};
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const xml = (status: number, body: string): HttpAnswer => ({ status, headers: { "content-type": "text/xml" }, body });

/**
 * What AllRegions=true adds to the scenario's regions: a few more of its partition's, empty of data, and opt-in
 * regions the account has not enabled, as AWS lists them. Without AllRegions only the scenario's regions are listed,
 * so `--regions all` scans exactly the regions that hold data.
 */
const PARTITION_REGIONS: Record<string, { name: string; optInStatus: string }[]> = {
  aws: [
    ...["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "ap-northeast-1", "ap-southeast-1", "ap-southeast-2"].map(
      (name) => ({ name, optInStatus: "opt-in-not-required" }),
    ),
    { name: "af-south-1", optInStatus: "not-opted-in" },
    { name: "me-south-1", optInStatus: "not-opted-in" },
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"].map((name) => ({ name, optInStatus: "opt-in-not-required" })),
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"].map((name) => ({ name, optInStatus: "opt-in-not-required" })),
};

function otherRegions(scenario: Scenario): { name: string; optInStatus: string }[] {
  return (PARTITION_REGIONS[scenario.partition] ?? []).filter((r) => !scenario.enabledRegions.includes(r.name));
}

function listParam(form: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`) || form.has(`${name}.${i}`); i++) {
    out.push(form.get(`${name}.member.${i}`) ?? (form.get(`${name}.${i}`) as string));
  }
  return out;
}

function authorizationDetails(scenario: Scenario, form: URLSearchParams, pageSize: number | undefined): Json {
  const filter = listParam(form, "Filter");
  const want = (f: string) => filter.length === 0 || filter.includes(f);
  const isAws = (p: Json) => String(p.Arn).includes(":iam::aws:policy/");
  const items: { kind: "user" | "group" | "role" | "policy"; item: Json }[] = [
    // The API's order: users, groups, roles, then policies, pages cutting across them.
    ...(want("User") ? scenario.users.map((item) => ({ kind: "user" as const, item })) : []),
    ...(want("Group") ? scenario.groups.map((item) => ({ kind: "group" as const, item })) : []),
    ...(want("Role") ? scenario.roles.map((item) => ({ kind: "role" as const, item })) : []),
    ...scenario.policies
      .filter((p) => (isAws(p) ? want("AWSManagedPolicy") : want("LocalManagedPolicy")))
      .map((item) => ({ kind: "policy" as const, item })),
  ];
  const start = form.get("Marker") ? Number.parseInt(Buffer.from(form.get("Marker") as string, "base64url").toString(), 10) : 0;
  const size = Math.max(1, Math.min(Number(form.get("MaxItems") ?? 100), 1000, pageSize ?? Infinity));
  const slice = items.slice(start, start + size);
  const truncated = start + size < items.length;
  return {
    IsTruncated: truncated,
    UserDetailList: slice.filter((s) => s.kind === "user").map((s) => s.item),
    GroupDetailList: slice.filter((s) => s.kind === "group").map((s) => s.item),
    RoleDetailList: slice.filter((s) => s.kind === "role").map((s) => s.item),
    Policies: slice.filter((s) => s.kind === "policy").map((s) => s.item),
    ...(truncated ? { Marker: Buffer.from(String(start + size)).toString("base64url") } : {}),
  };
}

export async function startAwsEndpoint(options: EndpointOptions): Promise<AwsEndpoint> {
  const { scenario } = options;
  const faults = new Faults(options.faults);
  const calls: RecordedCall[] = [];

  function recordedError(operation: string, region: string | undefined, target: string | undefined) {
    return scenario.errors.find(
      (e) => e.operation === operation && (!e.region || !region || e.region === region) && (e.target ?? undefined) === target,
    );
  }

  async function handleQuery(service: "iam" | "sts" | "ec2", region: string | undefined, body: string): Promise<{ operation: string; target?: string; answer: HttpAnswer }> {
    const form = new URLSearchParams(body);
    const operation = form.get("Action") ?? "(none)";
    const rid = randomUUID();
    const err = (status: number, code: string, message: string, type = "Sender") =>
      xml(status, service === "ec2" ? ec2Error(code, message, rid) : queryError(service, code, message, rid, type));
    const policyRead = service === "iam" && (operation === "GetPolicy" || operation === "GetPolicyVersion");
    const roleRead = service === "iam" && isRoleRead(operation);
    // GetAccountAuthorizationDetails pages after the first can be failed alone (target "later-page"); a managed
    // policy's reads by its ARN; a role's by the role's ARN (its RoleName when the scenario has no such role).
    const target = policyRead
      ? (form.get("PolicyArn") ?? undefined)
      : roleRead
        ? ((requestedRole(form, scenario.roles)?.Arn as string | undefined) ?? form.get("RoleName") ?? undefined)
        : operation === "GetAccountAuthorizationDetails" && form.get("Marker") ? "later-page" : undefined;
    const targeted = policyRead || roleRead;
    const answered = (answer: HttpAnswer) => ({ operation, ...(targeted ? { target } : {}), answer });
    const decision = faults.decide(operation, service === "ec2" ? region : undefined, target, service);
    if (decision.kind === "throttle") {
      return { operation, answer: service === "ec2" ? err(503, "RequestLimitExceeded", "Request limit exceeded.") : err(400, "Throttling", "Rate exceeded") };
    }
    if (decision.kind === "server-error") {
      return { operation, answer: service === "ec2" ? err(500, "InternalError", "An internal error has occurred") : err(500, "ServiceFailure", "Service failure", "Receiver") };
    }
    const deniedMessage = `User: ${scenario.callerIdentity.Arn} is not authorized to perform: ${service}:${operation} on resource: ${targeted ? target : "*"}`;
    if (decision.kind === "denied") {
      return answered(service === "ec2" ? err(403, "UnauthorizedOperation", deniedMessage) : err(403, "AccessDenied", deniedMessage));
    }
    const recorded = recordedError(operation, undefined, targeted ? target : undefined);
    if (recorded) return answered(err(recorded.code.includes("AccessDenied") ? 403 : recorded.code === "NoSuchEntity" ? 404 : 400, recorded.code, recorded.message));
    if (targeted) {
      const answer = policyRead ? managedPolicyAnswer(operation as "GetPolicy", form, scenario.policies, scenario.unlistedPolicies) : roleReadAnswer(operation, form, scenario.roles, options.pageSize);
      return answered("result" in answer ? xml(200, queryResponse("iam", operation, answer.result, rid)) : err(answer.status, answer.code, answer.message));
    }

    if (service === "sts" && operation === "GetCallerIdentity") {
      return { operation, answer: xml(200, queryResponse("sts", operation, scenario.callerIdentity, rid)) };
    }
    if (service === "iam" && operation === "GetAccountAuthorizationDetails") {
      return { operation, answer: xml(200, queryResponse("iam", operation, authorizationDetails(scenario, form, options.pageSize), rid)) };
    }
    if (service === "ec2" && operation === "DescribeRegions") {
      const names = listParam(form, "RegionName");
      const listed = [
        ...scenario.enabledRegions.map((r) => ({ name: r, optInStatus: "opt-in-not-required" })),
        ...(form.get("AllRegions") === "true" ? otherRegions(scenario) : []),
      ];
      const regions = listed.filter((r) => names.length === 0 || names.includes(r.name));
      const regionInfo = regions.map((r) => ({ regionName: r.name, regionEndpoint: `ec2.${r.name}.amazonaws.com`, optInStatus: r.optInStatus }));
      return { operation, answer: xml(200, ec2Response(operation, { regionInfo }, rid)) };
    }
    return { operation, answer: err(400, service === "ec2" ? "InvalidAction" : "InvalidAction", `Could not find operation ${operation} for version ${form.get("Version") ?? "?"}`) };
  }

  function handleLambda(method: string, url: URL, region: string | undefined): { operation: string; target?: string; answer: HttpAnswer } {
    const regionData = region ? scenario.regions.get(region) : undefined;
    const route = routeLambda(method, url.pathname, url.searchParams, options.pageSize);
    const target = lambdaTarget(url.pathname, url.searchParams, regionData);
    const decision = faults.decide(route.operation, region, target, "lambda");
    if (decision.kind === "throttle") {
      return { ...route, target, answer: lambdaError(429, "TooManyRequestsException", "Rate exceeded", { Reason: "CallerRateLimitExceeded" }) };
    }
    if (decision.kind === "server-error") {
      return { ...route, target, answer: lambdaError(500, "ServiceException", "The AWS Lambda service encountered an internal error.") };
    }
    if (decision.kind === "denied") {
      const message = `User: ${scenario.callerIdentity.Arn} is not authorized to perform: lambda:${route.operation} on resource: ${target ?? "*"}`;
      return { ...route, target, answer: lambdaError(403, "AccessDeniedException", message) };
    }
    const recorded = recordedError(route.operation, region, target);
    if (recorded) {
      return { ...route, target, answer: lambdaError(recorded.code.includes("AccessDenied") ? 403 : 400, recorded.code, recorded.message) };
    }
    return { ...route, target, answer: route.answer(regionData) };
  }

  function handleEfs(method: string, url: URL, region: string | undefined): { operation: string; target?: string; answer: HttpAnswer } {
    const route = routeEfs(method, url, region, scenario.account, scenario.partition, scenario.efs);
    const { operation, target } = route;
    const decision = faults.decide(operation, region, target, "elasticfilesystem");
    if (decision.kind === "throttle") return { operation, target, answer: efsError(429, "ThrottlingException", "Rate exceeded") };
    if (decision.kind === "server-error") return { operation, target, answer: efsError(500, "InternalServerError", "An internal error occurred.") };
    if (decision.kind === "denied") {
      const message = `User: ${scenario.callerIdentity.Arn} is not authorized to perform: elasticfilesystem:${operation} on the specified resource`;
      return { operation, target, answer: efsError(403, "AccessDeniedException", message) };
    }
    const recorded = recordedError(operation, undefined, target);
    if (recorded) return { operation, target, answer: efsError(recorded.code.includes("AccessDenied") ? 403 : 400, recorded.code, recorded.message) };
    return { operation, target, answer: route.answer() };
  }

  function handleSns(region: string | undefined, body: string): { operation: string; target?: string; answer: HttpAnswer } {
    const route = routeSns(body, scenario.topicAttributes);
    const { operation, target } = route;
    const rid = randomUUID();
    const decision = faults.decide(operation, region, target, "sns");
    if (decision.kind === "throttle") return { operation, target, answer: snsError("Throttled", "Rate exceeded", rid) };
    if (decision.kind === "server-error") return { operation, target, answer: snsError("InternalError", "Internal error", rid) };
    if (decision.kind === "denied") {
      const message = `User: ${scenario.callerIdentity.Arn} is not authorized to perform: SNS:${operation} on resource: ${target ?? "*"}`;
      return { operation, target, answer: snsError("AuthorizationError", message, rid) };
    }
    const recorded = recordedError(operation, undefined, target);
    if (recorded) return { operation, target, answer: snsError(recorded.code, recorded.message, rid) };
    return { operation, target, answer: route.answer(rid) };
  }

  const jsonServices = new Map<string, JsonService>([
    ["sqs", sqsService(scenario.queueAttributes, scenario.partition)],
    ["kinesis", kinesisService(scenario.streamSummaries, scenario.account, scenario.partition)],
    ["kms", kmsService(scenario.kms, options.pageSize)],
    ["ecr", ecrService(scenario.ecr, scenario.account, scenario.partition)],
    ["organizations", organizationsService(scenario.organizations, scenario.account, scenario.partition, options.pageSize)],
  ]);

  function handleJson(service: JsonService, req: IncomingMessage, region: string | undefined, body: string): { operation: string; target?: string; answer: HttpAnswer } {
    const operation = jsonOperation(service, req.headers);
    const input = parseJsonBody(body);
    const target = service.target(input, region, operation);
    const decision = faults.decide(operation, region, target, service.iamPrefix);
    if (decision.kind === "throttle") return { operation, target, answer: service.throttled() };
    if (decision.kind === "server-error") return { operation, target, answer: service.serverError() };
    if (decision.kind === "denied") {
      const message = `User: ${scenario.callerIdentity.Arn} is not authorized to perform: ${service.iamPrefix}:${operation} on resource: ${target ?? "*"}`;
      return { operation, target, answer: service.denied(message) };
    }
    const recorded = recordedError(operation, undefined, target);
    if (recorded) return { operation, target, answer: service.error(recorded.code, recorded.message) };
    return { operation, target, answer: service.answer(operation, input, target) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readBody(req);
    const scope = credentialScope(req);
    const service = scope.service ?? "unknown";
    let result: { operation: string; target?: string; answer: HttpAnswer };
    if (options.accessKeyId && scope.accessKeyId !== options.accessKeyId) {
      const rid = randomUUID();
      const op = new URLSearchParams(body).get("Action") ?? `${req.method} ${url.pathname}`;
      result = {
        operation: op,
        answer:
          service === "lambda"
            ? lambdaError(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
            : xml(403, queryError(service === "sts" ? "sts" : "iam", "InvalidClientTokenId", "The security token included in the request is invalid.", rid)),
      };
    } else if (service === "iam" || service === "sts" || service === "ec2") {
      result = await handleQuery(service, scope.region, body);
    } else if (service === "lambda") {
      result = handleLambda(req.method ?? "GET", url, scope.region);
    } else if (service === "sns") {
      result = handleSns(scope.region, body);
    } else if (service === "elasticfilesystem") {
      result = handleEfs(req.method ?? "GET", url, scope.region);
    } else if (jsonServices.has(service)) {
      result = handleJson(jsonServices.get(service) as JsonService, req, scope.region, body);
    } else {
      result = { operation: `${req.method} ${url.pathname}`, answer: { status: 400, body: "unsigned or unknown service" } };
    }
    const exchange = { service, operation: result.operation, region: scope.region, target: result.target, url, body, answer: result.answer };
    result.answer = faults.rewritten(exchange);
    await faults.held(exchange);
    calls.push({ service, operation: result.operation, region: scope.region, target: result.target, status: result.answer.status });
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    res.writeHead(result.answer.status, { "x-amzn-RequestId": randomUUID(), ...result.answer.headers });
    res.end(result.answer.body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    countByOperation(filter) {
      const out: Record<string, number> = {};
      for (const c of calls) if (!filter || filter(c)) out[c.operation] = (out[c.operation] ?? 0) + 1;
      return out;
    },
    reset() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
