import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, DENY_WITHOUT_SOURCE_FUNCTION, findingsOf, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { logNeeds, logsPermissionMissing } from "./logs-permission-missing";

type B = ReturnType<typeof builder>;
const LOGS = ["logs:CreateLogStream", "logs:PutLogEvents"];

function fnWith(role: (b: B) => string, logGroup?: string) {
  const b = builder();
  b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: role(b), ...(logGroup ? { logGroup } : {}) });
  return b;
}
const group = (b: B, name: string, suffix = "") => b.arn("logs", REGION, `log-group:${name}${suffix}`);
const LOGS_ALL = ["logs:CreateLogGroup", ...LOGS];
/** What terraform-aws-modules/lambda grants with lambda_at_edge = true (iam.tf): the replicas' group, any Region. */
const edgeGroups = (b: B) => [`arn:aws:logs:*:${b.account}:log-group:/aws/lambda/us-east-1.api:*`, `arn:aws:logs:*:${b.account}:log-group:/aws/lambda/us-east-1.api:*:*`];
const EDGE_TRUST = policy({
  Effect: "Allow",
  Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] },
  Action: "sts:AssumeRole",
});

const cases: RuleCase[] = [
  {
    name: "AWSLambdaBasicExecutionRole: fine",
    build: () => fnWith((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] })),
    titles: [],
  },
  {
    name: "no logs permission at all",
    build: () => fnWith((b) => b.role({ name: "r" })),
    titles: ["Function lacks logs:CreateLogStream, logs:PutLogEvents"],
    severities: ["medium"],
  },
  {
    name: "console-style grant on log-group:/aws/lambda/api:*",
    build: () => fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS, group(b, "/aws/lambda/api", ":*"))) } })),
    titles: [],
  },
  {
    name: "grant on the group ARN without :* does not cover PutLogEvents on streams",
    build: () => fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS, group(b, "/aws/lambda/api"))) } })),
    titles: ["Function lacks logs:CreateLogStream, logs:PutLogEvents"],
  },
  {
    name: "grant on the default group while LoggingConfig.LogGroup points elsewhere",
    build: () =>
      fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS, group(b, "/aws/lambda/api", ":*"))) } }), "/shared/app-logs"),
    titles: ["Function lacks logs:CreateLogStream, logs:PutLogEvents"],
  },
  {
    name: "grant on the custom group",
    build: () => fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS, group(b, "/shared/app-logs", ":*"))) } }), "/shared/app-logs"),
    titles: [],
  },
  {
    // Lambda sets lambda:SourceFunctionArn on the log calls it makes for the function (permissions-source-function-arn.html).
    name: "a Deny on requests without lambda:SourceFunctionArn leaves the function's logs alone: fine",
    build: () =>
      fnWith((b) =>
        b.role({
          name: "r",
          managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")],
          inline: { guard: DENY_WITHOUT_SOURCE_FUNCTION },
        }),
      ),
    titles: [],
  },
  {
    name: "execution role missing from the snapshot: left to execution-role-missing",
    build: () => fnWith((b) => b.roleArn("deleted-role")),
    titles: [],
  },
  {
    // An empty LoggingConfig.LogGroup names no group: Lambda logs to the default /aws/lambda/<name>.
    name: "an empty LoggingConfig.LogGroup: the default group is judged",
    build: () => fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS, group(b, "/aws/lambda/api", ":*"))) } })),
    patch: (s) => {
      for (const region of Object.values(s.regions ?? {})) for (const f of region.ListFunctions?.Functions ?? []) f.LoggingConfig = { ...f.LoggingConfig, LogGroup: "" };
    },
    titles: [],
  },
  {
    // terraform-aws-modules/lambda with lambda_at_edge: its replicas log to /aws/lambda/us-east-1.<name> in each
    // Region they run in (CloudFront guide, edge-functions-logs); only a direct call logs to /aws/lambda/<name>.
    name: "Lambda@Edge role granting the replicas' group in every Region: may lack the own group, low",
    build: () => fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST, inline: { l: policy(allow(LOGS_ALL, edgeGroups(b))) } })),
    titles: ["Function may lack logs:CreateLogStream, logs:PutLogEvents (if invoked directly)"],
    severities: ["low"],
  },
  {
    name: "Lambda@Edge role granting the own group only: may lack the replicas' group, low",
    build: () => fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST, inline: { l: policy(allow(LOGS, group(b, "/aws/lambda/api", ":*"))) } })),
    titles: ["Function may lack logs:CreateLogStream, logs:PutLogEvents (at the edge)"],
    severities: ["low"],
  },
  {
    name: "Lambda@Edge role granting neither group: lacks, as any function",
    build: () => fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST })),
    titles: ["Function lacks logs:CreateLogStream, logs:PutLogEvents"],
    severities: ["medium"],
  },
  {
    name: "Lambda@Edge role with AWSLambdaBasicExecutionRole: fine",
    build: () => fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST, managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] })),
    titles: [],
  },
  {
    name: "Lambda@Edge role with AWSLambdaBasicExecutionRole and a Deny of PutLogEvents on *: logs nowhere, lacks",
    build: () =>
      fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST, managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")], inline: { d: policy(deny("logs:PutLogEvents", "*")) } })),
    titles: ["Function lacks logs:PutLogEvents"],
    severities: ["medium"],
  },
  {
    name: "Lambda@Edge role with CreateLogStream on the own group and PutLogEvents on the replicas' only: neither group works",
    build: () => fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST, inline: { l: policy(allow("logs:CreateLogStream", group(b, "/aws/lambda/api", ":*")), allow("logs:PutLogEvents", edgeGroups(b))) } })),
    titles: ["Function lacks logs:PutLogEvents, logs:CreateLogStream"],
    severities: ["medium"],
  },
  {
    name: "Lambda@Edge role, own group refused, replicas' group under an unknown condition: may lack, never lacks",
    build: () =>
      fnWith((b) =>
        b.role({ name: "r", trust: EDGE_TRUST, inline: { l: policy(allow(LOGS, edgeGroups(b), { condition: { StringEquals: { "aws:RequestTag/team": "edge" } } })) } }),
      ),
    titles: ["Function may lack logs:CreateLogStream, PutLogEvents (if invoked directly; at the edge; depends on aws:RequestTag/team)"],
    severities: ["low"],
  },
  {
    // Replicas log in the Region they run in: a grant in us-east-1 alone leaves the others without logs.
    name: "Lambda@Edge role granting logs in us-east-1 only: may lack for the replicas elsewhere",
    build: () => fnWith((b) => b.role({ name: "r", trust: EDGE_TRUST, inline: { l: policy(allow(LOGS, `arn:aws:logs:us-east-1:${b.account}:log-group:*`)) } })),
    titles: ["Function may lack logs:CreateLogStream, logs:PutLogEvents (at the edge)"],
    severities: ["low"],
  },
  {
    // Without edgelambda.amazonaws.com in the trust policy the function cannot be replicated: its own group decides.
    name: "the replicas' group granted to a Lambda-only role: lacks the own group",
    build: () => fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS_ALL, edgeGroups(b))) } })),
    titles: ["Function lacks logs:CreateLogStream, logs:PutLogEvents"],
    severities: ["medium"],
  },
];

describe("logs-permission-missing", () => {
  testRuleCases(logsPermissionMissing, cases);

  it("suggests the group with :* in the fix", () => {
    const f = outcome(logsPermissionMissing, cases[1]!).findings[0]!;
    expect(f.remediation).toContain("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api:*");
  });

  it("tells a possible Lambda@Edge function where its replicas log, and fixes that group in every Region", () => {
    const f = outcome(logsPermissionMissing, cases.find((c) => c.name.startsWith("Lambda@Edge role granting the own group only"))!).findings[0]!;
    expect(f.detail).toContain("replicas log to /aws/lambda/us-east-1.api in the Region each runs in");
    expect(f.remediation).toContain("arn:aws:logs:*:123456789012:log-group:/aws/lambda/us-east-1.api:*");
  });

  it("gives each function's fix its own inline policy name (put-role-policy replaces a same-named one)", () => {
    const b = builder();
    const role = b.role({ name: "shared" });
    for (const name of ["api", "worker"]) b.fn({ region: REGION, name, runtime: "nodejs22.x", role });
    const names = findingsOf(logsPermissionMissing, b).map((f) => /--policy-name (\S+)/.exec(f.remediation)?.[1]);
    expect(names).toEqual(["lpg-api-logs-permission-missing", "lpg-worker-logs-permission-missing"]);
  });
});

describe("logs-permission-missing's conditional mark (role-needs)", () => {
  it("is set where the role may lack the actions, and absent where it lacks them outright", () => {
    const when = { condition: { StringEquals: { "aws:RequestTag/team": "api" } } };
    const may = findingsOf(logsPermissionMissing, fnWith((b) => b.role({ name: "r", inline: { l: policy(allow(LOGS, group(b, "/aws/lambda/api", ":*"), when)) } })));
    const lacks = findingsOf(logsPermissionMissing, fnWith((b) => b.role({ name: "r" })));
    expect(may.map((f) => [f.title.startsWith("Function may lack"), f.conditional])).toEqual([[true, true]]);
    expect(lacks.map((f) => [f.title.startsWith("Function lacks"), "conditional" in f])).toEqual([[true, false]]);
  });
});

describe("logNeeds", () => {
  it("samples a stream of the snapshot's own day, snapshot after snapshot", () => {
    const fn = { name: "api", region: REGION, account: "123456789012", config: {} } as Parameters<typeof logNeeds>[0];
    const streamOf = (capturedAt: string) => logNeeds(fn, "aws", capturedAt)[0]?.resources[0];
    expect(streamOf("2026-11-20T09:30:00Z")).toContain(":log-stream:2026/11/20/[$LATEST]");
    expect(streamOf("2027-01-02T00:00:00Z")).toContain(":log-stream:2027/01/02/[$LATEST]");
    expect(streamOf("2026-11-20T23:59:59Z")).toContain(":log-stream:2026/11/20/[$LATEST]");
  });

  it("samples the UTC day, as Lambda names its streams, whatever zone capturedAt is written in", () => {
    const fn = { name: "api", region: REGION, account: "123456789012", config: {} } as Parameters<typeof logNeeds>[0];
    const streamOf = (capturedAt: string) => logNeeds(fn, "aws", capturedAt)[0]?.resources[0];
    expect(streamOf("2026-11-19T22:00:00-05:00")).toContain(":log-stream:2026/11/20/[$LATEST]");
    expect(streamOf("2026-11-21T04:00+0530")).toContain(":log-stream:2026/11/20/[$LATEST]");
    expect(streamOf("2026-11-20T23:30:00")).toContain(":log-stream:2026/11/20/[$LATEST]");
  });
});
