import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, DENY_WITHOUT_SOURCE_FUNCTION, outcome, REGION, type RuleCase } from "../test-support";
import { logNeeds, logsPermissionMissing } from "./logs-permission-missing";

type B = ReturnType<typeof builder>;
const LOGS = ["logs:CreateLogStream", "logs:PutLogEvents"];

function fnWith(role: (b: B) => string, logGroup?: string) {
  const b = builder();
  b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: role(b), ...(logGroup ? { logGroup } : {}) });
  return b;
}
const group = (b: B, name: string, suffix = "") => b.arn("logs", REGION, `log-group:${name}${suffix}`);

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
];

describe("logs-permission-missing", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(logsPermissionMissing, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });

  it("suggests the group with :* in the fix", () => {
    const f = outcome(logsPermissionMissing, cases[1]!).findings[0]!;
    expect(f.remediation).toContain("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api:*");
  });

  it("gives each function's fix its own inline policy name (put-role-policy replaces a same-named one)", () => {
    const b = builder();
    const role = b.role({ name: "shared" });
    for (const name of ["api", "worker"]) b.fn({ region: REGION, name, runtime: "nodejs22.x", role });
    const names = outcome(logsPermissionMissing, { name: "two", build: () => b, titles: [] }).findings.map((f) => /--policy-name (\S+)/.exec(f.remediation)?.[1]);
    expect(names).toEqual(["lpg-api-logs-permission-missing", "lpg-worker-logs-permission-missing"]);
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
});
