import { describe, expect, it } from "vitest";
import { builder, findingsOf, outcome, REGION, remediationRoundTrip, testRuleCases, type RuleCase } from "../test-support";
import { applyRemediation, remediationWays } from "../apply-remediation";
import { executionRoleMissing } from "./execution-role-missing";
import { newVersion } from "../republish";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { BUCKET_OWNER } from "./confused-deputy";

const cases: RuleCase[] = [
  {
    name: "role deleted: fires",
    build: () => {
      const b = builder();
      b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: b.roleArn("gone-role", "/service-role/") });
      return b;
    },
    titles: ["Execution role gone-role does not exist"],
    severities: ["high"],
  },
  {
    name: "role present (with a path): fine",
    build: () => {
      const b = builder();
      b.fn({ region: REGION, name: "ok", runtime: "nodejs22.x", role: b.role({ name: "r", path: "/service-role/" }) });
      return b;
    },
    titles: [],
  },
  {
    name: "IAM could not be read: unknown, not missing",
    build: () => {
      const b = builder();
      b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: b.roleArn("gone-role") });
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized to perform iam:GetAccountAuthorizationDetails" });
      return b;
    },
    titles: [],
  },
  {
    // Each published version keeps the role it was published with, and an alias runs its version's
    // (lambda-permissions.md §1): the function's current role existing does not make prod's calls work.
    name: "an alias routes to a version published with a role since deleted: fires for that version",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-v2-role" }) });
      b.version(fn, "3", b.roleArn("orders-role"));
      b.version(fn, "4");
      b.alias(fn, "prod", "3");
      return b;
    },
    titles: ["Execution role orders-role of version 3 does not exist"],
    severities: ["high"],
  },
  {
    name: "the canary version of a weighted alias runs as a deleted role: fires",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
      b.version(fn, "3");
      b.version(fn, "4", b.roleArn("canary-role"));
      b.alias(fn, "live", "3", undefined, { "4": 0.1 });
      return b;
    },
    titles: ["Execution role canary-role of version 4 does not exist"],
  },
  {
    name: "an event source mapping on a version published with a deleted role: fires",
    build: () => {
      const b = builder();
      // The function's role can poll the queue: Lambda refuses to move the mapping to a version whose role cannot.
      const role = b.role({ name: "r", inline: { poll: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], b.arn("sqs", REGION, "q"))) } });
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
      b.esm({ functionArn: b.version(fn, "2", b.roleArn("old-role")), sourceArn: b.arn("sqs", REGION, "q") });
      return b;
    },
    titles: ["Execution role old-role of version 2 does not exist"],
  },
  {
    name: "an old version with a deleted role that nothing routes to: not reported",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
      b.version(fn, "1", b.roleArn("old-role"));
      b.version(fn, "2");
      b.alias(fn, "prod", "2");
      return b;
    },
    titles: [],
  },
  {
    name: "a version routed to with the same deleted role as the function: one finding, the function's",
    build: () => {
      const b = builder();
      const gone = b.roleArn("gone-role");
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: gone });
      b.version(fn, "1", gone);
      b.alias(fn, "prod", "1");
      return b;
    },
    titles: ["Execution role gone-role does not exist"],
  },
  {
    // The role list unread, the execution roles read one by one (lib/aws/role-reads.ts): IAM's NoSuchEntity to
    // GetRole is its word that the role does not exist, as its absence from a whole list is.
    name: "GetAccountAuthorizationDetails refused, GetRole answered NoSuchEntity: fires",
    build: () => {
      const b = builder();
      const gone = b.roleArn("gone-role", "/service-role/");
      b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: gone });
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized to perform iam:GetAccountAuthorizationDetails" });
      b.error({ operation: "GetRole", target: gone, code: "NoSuchEntity", message: "The role with name gone-role cannot be found." });
      return b;
    },
    titles: ["Execution role gone-role does not exist"],
    inDetail: ["which IAM says does not exist (GetRole answered NoSuchEntity)"],
  },
  {
    name: "GetAccountAuthorizationDetails refused, a routed version's role answered NoSuchEntity: fires for that version",
    build: () => {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
      b.version(fn, "3", b.roleArn("old-role"));
      b.alias(fn, "prod", "3");
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized to perform iam:GetAccountAuthorizationDetails" });
      b.error({ operation: "GetRole", target: b.roleArn("old-role"), code: "NoSuchEntity", message: "The role with name old-role cannot be found." });
      return b;
    },
    titles: ["Execution role old-role of version 3 does not exist"],
  },
  ...["AccessDenied", "Throttling"].map((code) => ({
    name: `GetAccountAuthorizationDetails refused, GetRole failed (${code}): unknown, not missing`,
    build: () => {
      const b = builder();
      const gone = b.roleArn("gone-role");
      b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: gone });
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "not authorized to perform iam:GetAccountAuthorizationDetails" });
      b.error({ operation: "GetRole", target: gone, code, message: "no" });
      return b;
    },
    titles: [],
  })),
];

describe("execution-role-missing", () => {
  testRuleCases(executionRoleMissing, cases);

  it.each([
    ["an alias routes to a version", "3", "5"],
    ["the canary version of a weighted alias", "4", "5"],
    ["an event source mapping on a version", "2", "3"],
  ])("%s: the fix publishes a version in place of %s and moves the callers to it (published as %s)", (name, replaced, published) => {
    // Publishing alone leaves the alias or mapping on the version whose role is gone: the fix must move them too.
    const c = cases.find((x) => x.name.startsWith(name))!;
    const { left, added, applied } = remediationRoundTrip(c.build().build(), false, { [newVersion(replaced)]: published });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["execution-role-missing"]).toBe(1);
  });

  it("a role GetRole answered NoSuchEntity: the evidence is that answer, beside the configuration naming the role", () => {
    const c = cases.find((x) => x.name.startsWith("GetAccountAuthorizationDetails refused, GetRole answered NoSuchEntity"))!;
    const [f] = outcome(executionRoleMissing, c).findings;
    expect(f!.evidence.map((e) => e.kind)).toEqual(["configuration", "api-error"]);
    expect(f!.evidence[1]).toMatchObject({
      description: "GetRole for arn:aws:iam::123456789012:role/service-role/gone-role answered NoSuchEntity: the role does not exist (The role with name gone-role cannot be found.)",
      document: { operation: "GetRole", code: "NoSuchEntity", target: "arn:aws:iam::123456789012:role/service-role/gone-role" },
    });
  });

  it("the fix also moves the version's own async settings and, once its callers are moved, its own grants", () => {
    const b = builder();
    // The role the new version runs as can send to version 3's on-failure queue.
    const role = b.role({ name: "r", inline: { dlq: policy(allow("sqs:SendMessage", `arn:aws:sqs:${REGION}:123456789012:orders-failed`)) } });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
    const v3 = b.version(fn, "3", b.roleArn("gone-role"));
    b.alias(fn, "prod", "3");
    // An S3 bucket's notification invokes version 3 by its ARN, and version 3 has async settings of its own.
    b.permission(fn, { qualifier: "3", sid: "s3-invoke", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::orders-in", sourceAccount: "123456789012" });
    b.eventInvokeConfig(v3, { maximumRetryAttempts: 1, onFailure: `arn:aws:sqs:${REGION}:123456789012:orders-failed` });
    const { left, added, applied } = remediationRoundTrip(b.build(), false, { [newVersion("3")]: "4" });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["execution-role-missing"]).toBe(1);
    const [f] = findingsOf(executionRoleMissing, b);
    expect(f!.remediation).toContain("They keep calling version 3 until you point them at the new version");
    expect(f!.remediation).toContain(`aws lambda put-function-event-invoke-config --function-name ${fn} --qualifier '<new version for 3>' --region ${REGION} --maximum-retry-attempts 1`);
    // Provisioned concurrency on the version stays there (the snapshot holds none to move): the text says it.
    expect(f!.remediation).toContain("Provisioned concurrency configured on version 3 itself stays on it (one configured on an alias follows the alias to the new version)");
  });

  it("grants the new version what the old one's own policy grants: publishing copies no resource policy", () => {
    const b = builder();
    const role = b.role({ name: "r" });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
    b.version(fn, "3", b.roleArn("gone-role"));
    b.alias(fn, "prod", "3");
    b.permission(fn, { qualifier: "3", sid: "s3-invoke", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::orders-in", sourceAccount: "123456789012" });
    b.permission(fn, { qualifier: "3", sid: "partner", principal: "210987654321" });
    const snapshot = b.build();
    const [f] = findingsOf(executionRoleMissing, b);
    expect(f!.remediation).toContain(`aws lambda add-permission --function-name ${fn} --qualifier '<new version for 3>' --region ${REGION} --statement-id s3-invoke --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn arn:aws:s3:::orders-in --source-account 123456789012`);
    const way = remediationWays(f!.remediation).find((w) => w.includes("publish-version"))!;
    expect(applyRemediation(snapshot, way, { [newVersion("3")]: "4" })).toHaveProperty("applied");
    const statements = (qualifier: string) => {
      const entry = snapshot.regions![REGION]!.GetPolicy?.[`${fn}:${qualifier}`] as { Policy: string } | undefined;
      return entry ? (JSON.parse(entry.Policy) as { Statement: Record<string, unknown>[] }).Statement : [];
    };
    const before = (JSON.parse((b.build().regions![REGION]!.GetPolicy![`${fn}:3`] as { Policy: string }).Policy) as { Statement: Record<string, unknown>[] }).Statement;
    // Version 4 holds each of version 3's statements, on its own ARN; version 3 holds none.
    expect(statements("4")).toEqual(before.map((st) => ({ ...st, Resource: `${fn}:4` })));
    expect(statements("3")).toEqual([]);
  });

  it("re-adds a faulty grant of the old version as it is: the round trip says its finding moved to the new version, not that the fix added it", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) } });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
    b.version(fn, "3", b.roleArn("gone-role"));
    b.alias(fn, "prod", "3");
    // No SourceAccount: a bucket of that name in another account could invoke version 3 (confused-deputy).
    b.permission(fn, { qualifier: "3", sid: "s3-invoke", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::orders-in" });
    const { left, added, moved, applied } = remediationRoundTrip(b.build(), false, { [newVersion("3")]: "4", [BUCKET_OWNER]: "123456789012" });
    expect(applied).toEqual({ "execution-role-missing": 1, "confused-deputy": 1 });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(moved).toEqual([`execution-role-missing:${fn}:3: moved confused-deputy:${fn}:3#s3-invoke/s3.amazonaws.com to confused-deputy:${fn}:4#s3-invoke/s3.amazonaws.com`]);
  });

  it("says to copy a grant add-permission cannot write, and the round trip does not pass it as done", () => {
    const b = builder();
    const role = b.role({ name: "r" });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
    b.version(fn, "3", b.roleArn("gone-role"));
    b.alias(fn, "prod", "3");
    // Written with PutResourcePolicy: a condition no AddPermission parameter maps to.
    b.resourcePolicy(`${fn}:3`, policy({ Sid: "org", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: `${fn}:3`, Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc1234567/*" } } }));
    const [f] = findingsOf(executionRoleMissing, b);
    expect(f!.remediation).toContain("(org: copy it into the resource policy of the new version as version 3's holds it; add-permission cannot write it).");
    expect(f!.remediation).not.toContain("aws lambda add-permission");
    const { unchecked } = remediationRoundTrip(b.build(), false, { [newVersion("3")]: "4" });
    expect(unchecked.filter((u) => u.startsWith("execution-role-missing:"))).toEqual([expect.stringContaining("a change no command makes")]);
  });

  it("names what routes calls to the version, and where its role is configured", () => {
    const c = cases.find((x) => x.name.startsWith("an alias routes to a version"))!;
    const [f] = outcome(executionRoleMissing, c).findings;
    expect(f?.detail).toContain("alias prod");
    expect(f?.evidence[0]).toMatchObject({ kind: "configuration", source: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders:3" } });
  });
});
