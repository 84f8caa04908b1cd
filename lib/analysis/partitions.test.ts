/**
 * Accounts outside the `aws` partition (China, GovCloud) and ARNs as they appear in other people's accounts: each
 * case goes from a built snapshot through the reader to the findings, the graph and `can`. Partitions are separate
 * clouds (IAM user guide, reference-arns.html: "arn:partition:…"; an account and its ARNs live in one partition),
 * so a policy naming another partition's principal or resource never matches.
 */
import { describe, expect, it } from "vitest";
import { SnapshotBuilder, type Partition } from "@/lib/snapshot/fixtures/builder";
import { allow, policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel } from "./account-model";
import { analyzeModel } from "./analyze";
import { ask } from "./what-if";

const ACCOUNT = "123456789012";
const OTHER = "210987654321";

function builder(partition: Partition = "aws"): SnapshotBuilder {
  return new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z", partition });
}

function analyse(b: SnapshotBuilder) {
  const model = buildAccountModel(parseSnapshot(JSON.stringify(b.build())));
  return { model, report: analyzeModel(model) };
}

/** A function `f` in `region` whose role `r` may write its logs, with the given statements as its resource policy. */
function fnWithPolicy(b: SnapshotBuilder, region: string, statements: (fn: string) => IamStatement[]) {
  const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] });
  const fn = b.fn({ region, name: "f", runtime: "nodejs22.x", role });
  b.resourcePolicy(fn, policy(...statements(fn)));
  return { role, fn };
}

const grant = (sid: string, principal: IamStatement["Principal"], fn: string, action = "lambda:InvokeFunction"): IamStatement => ({
  Sid: sid,
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: fn,
});

describe("principals of another partition never match", () => {
  it("an aws-partition account root in a China function policy lets no account in", () => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", (fn) => [grant("global", { AWS: `arn:aws:iam::${OTHER}:root` }, fn)]);
    const { report } = analyse(b);
    expect(report.findings.filter((f) => f.rule === "cross-account-invoke")).toEqual([]);
    expect(report.functions[0]?.invokers.map((i) => [i.principal, i.decision])).toEqual([[OTHER, "implicitly-denied"]]);
    expect(report.graph.nodes.filter((n) => n.kind === "principal")).toEqual([]);
  });

  it("a bare account id in a China function policy is that account of aws-cn, and lets it in", () => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", (fn) => [grant("bare", { AWS: OTHER }, fn)]);
    const { report } = analyse(b);
    expect(report.findings.filter((f) => f.rule === "cross-account-invoke").map((f) => f.title)).toEqual([`Account ${OTHER} can invoke this function`]);
    expect(report.graph.nodes.filter((n) => n.kind === "principal").map((n) => n.id)).toEqual([`p:account:${OTHER}`]);
  });

  for (const [partition, region] of [["aws-cn", "cn-northwest-1"], ["aws-us-gov", "us-gov-east-1"]] as const) {
    it(`${partition}: a session ARN of the caller's role names it only in its own partition`, () => {
      const b = builder(partition);
      const { fn } = fnWithPolicy(b, region, (fn) => [
        grant("own", { AWS: `arn:${partition}:sts::${ACCOUNT}:assumed-role/r/f` }, fn, "lambda:GetFunction"),
        grant("global", { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/r/f` }, fn, "lambda:GetPolicy"),
      ]);
      const { model } = analyse(b);
      expect(ask(model, { principal: "f", action: "lambda:GetFunction", resource: fn }).decision).toBe("allowed");
      expect(ask(model, { principal: "f", action: "lambda:GetPolicy", resource: fn }).decision).toBe("implicitly-denied");
    });
  }
});

// "IAM roles and resource-based policies delegate access across accounts only within a single partition" (IAM user
// guide, access_policies-cross-account-resource-access.html): China's service never calls a commercial function, and
// a China function's service calls for China's resources (arn:aws-cn:…) only.
describe("services and sources of another partition name no caller", () => {
  const s3Grant = (service: string | string[], sources: string[]) => (fn: string) => [
    { ...grant("s3", { Service: service }, fn), Condition: { ArnLike: { "aws:SourceArn": sources } } },
  ];
  const ways = (report: ReturnType<typeof analyse>["report"]) =>
    report.functions[0]?.invokers.map((i) => [i.principal, i.sourceArn, i.decision, i.reason?.includes("another partition") ?? false]);

  it("s3.amazonaws.com.cn on a commercial function is listed as written, lets no one in, and says why", () => {
    const b = builder();
    fnWithPolicy(b, "us-east-1", s3Grant("s3.amazonaws.com.cn", ["arn:aws-cn:s3:::uploads"]));
    const { report } = analyse(b);
    expect(ways(report)).toEqual([["s3.amazonaws.com.cn", "arn:aws-cn:s3:::uploads", "implicitly-denied", true]]);
    expect(report.functions[0]?.invokers[0]?.reason).toMatch(/^s3\.amazonaws\.com\.cn is China's service/);
    expect(report.graph.nodes.filter((n) => n.kind === "principal")).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it("beside a grant to s3.amazonaws.com, the .cn grant on a commercial function still lets no one in", () => {
    const b = builder();
    fnWithPolicy(b, "us-east-1", (fn) => [
      ...s3Grant("s3.amazonaws.com.cn", ["arn:aws:s3:::uploads"])(fn),
      { ...grant("global", { Service: "s3.amazonaws.com" }, fn), Condition: { ArnLike: { "aws:SourceArn": ["arn:aws:s3:::uploads"] } } },
    ]);
    expect(ways(analyse(b).report)).toEqual([
      ["s3.amazonaws.com.cn", "arn:aws:s3:::uploads", "implicitly-denied", true],
      ["s3.amazonaws.com", "arn:aws:s3:::uploads", "allowed", false],
    ]);
  });

  it("an unconditioned grant to sns.amazonaws.com.cn on a commercial function is no confused deputy, beside a pinned grant to SNS", () => {
    const b = builder();
    fnWithPolicy(b, "us-east-1", (fn) => [
      grant("cn", { Service: "sns.amazonaws.com.cn" }, fn),
      { ...grant("global", { Service: "sns.amazonaws.com" }, fn), Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:t` } } },
    ]);
    expect(analyse(b).report.findings.map((f) => f.title)).toEqual([]);
  });

  it("s3.amazonaws.com.cn on a GovCloud function names no caller either", () => {
    const b = builder("aws-us-gov");
    fnWithPolicy(b, "us-gov-west-1", s3Grant("s3.amazonaws.com.cn", ["arn:aws-us-gov:s3:::uploads"]));
    expect(ways(analyse(b).report)).toEqual([["s3.amazonaws.com.cn", "arn:aws-us-gov:s3:::uploads", "implicitly-denied", true]]);
  });

  // The ISO and European Sovereign Cloud partitions spell some services in their own endpoint domain (principal.ts,
  // serviceNameOn): such a name is that partition's service, as a .cn name is China's.
  it("s3.c2s.ic.gov on a commercial function and logs.amazonaws.eu on a China one name no caller, and say whose they are", () => {
    const b = builder();
    fnWithPolicy(b, "us-east-1", s3Grant("s3.c2s.ic.gov", ["arn:aws:s3:::uploads"]));
    const { report } = analyse(b);
    expect(ways(report)).toEqual([["s3.c2s.ic.gov", "arn:aws:s3:::uploads", "implicitly-denied", true]]);
    expect(report.functions[0]?.invokers[0]?.reason).toMatch(/^s3\.c2s\.ic\.gov is aws-iso's service/);
    expect(report.graph.nodes.filter((n) => n.kind === "principal")).toEqual([]);
    const cn = builder("aws-cn");
    fnWithPolicy(cn, "cn-north-1", (fn) => [grant("logs", { Service: "logs.eusc-de-east-1.amazonaws.eu" }, fn)]);
    const china = analyse(cn).report;
    expect(china.functions[0]?.invokers.map((i) => [i.principal, i.decision])).toEqual([["logs.eusc-de-east-1.amazonaws.eu", "implicitly-denied"]]);
    expect(china.functions[0]?.invokers[0]?.reason).toMatch(/is aws-eusc's service/);
    expect(china.findings).toEqual([]);
  });

  it("on a China function the .cn name is its own partition's service: let in, no note", () => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", s3Grant("s3.amazonaws.com.cn", ["arn:aws-cn:s3:::uploads"]));
    expect(ways(analyse(b).report)).toEqual([["s3.amazonaws.com.cn", "arn:aws-cn:s3:::uploads", "allowed", false]]);
  });

  it("a commercial source ARN on a China function names no caller; the statement's China source still does", () => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", s3Grant("s3.amazonaws.com", ["arn:aws:s3:::uploads", "arn:aws-cn:s3:::uploads"]));
    const { report } = analyse(b);
    expect(ways(report)).toEqual([
      ["s3.amazonaws.com", "arn:aws:s3:::uploads", "implicitly-denied", true],
      ["s3.amazonaws.com", "arn:aws-cn:s3:::uploads", "allowed", false],
    ]);
    expect(report.graph.nodes.filter((n) => n.kind === "principal").map((n) => n.id)).toEqual(["p:service:s3.amazonaws.com@arn:aws-cn:s3:::uploads"]);
  });

  // Past 1,000 principal × source pairs a statement is one way in per principal, standing for all its sources: it must
  // weigh their partition as the way in per source does.
  it("many principals × many commercial sources on a China function: each principal's one way in lets no one in", () => {
    const buckets = Array.from({ length: 501 }, (_, i) => `arn:aws:s3:::uploads-${i}`);
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", s3Grant(["s3.amazonaws.com", "s3.amazonaws.com.cn"], buckets));
    const { report } = analyse(b);
    expect(ways(report)).toEqual([
      ["s3.amazonaws.com", undefined, "implicitly-denied", true],
      ["s3.amazonaws.com.cn", undefined, "implicitly-denied", true],
    ]);
    expect(report.functions[0]?.invokers[0]?.reason).toMatch(/^sources arn:aws:s3:::uploads-0 \| .* are in partition aws: another partition/);
    expect(report.graph.nodes.filter((n) => n.kind === "principal")).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it("many principals × many sources on a China function, one of them China's: each principal's one way in lets it in and names the others", () => {
    const buckets = [...Array.from({ length: 500 }, (_, i) => `arn:aws:s3:::uploads-${i}`), "arn:aws-cn:s3:::uploads"];
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", s3Grant(["s3.amazonaws.com", "s3.amazonaws.com.cn"], buckets));
    const { report } = analyse(b);
    expect(ways(report)).toEqual([
      ["s3.amazonaws.com", undefined, "allowed", true],
      ["s3.amazonaws.com.cn", undefined, "allowed", true],
    ]);
    // As the ways in per source would, it says which sources let no one in, and names only those.
    const reason = report.functions[0]?.invokers[0]?.reason ?? "";
    expect(reason).toMatch(/^of its sources, arn:aws:s3:::uploads-0 \| arn:aws:s3:::uploads-1 \| .* \(490 more\) are in partition aws: another partition than the function's \(aws-cn\), .* so they name no caller$/);
    expect(reason).not.toContain("arn:aws-cn:s3:::uploads");
  });

  it("past 1,000 pairs, one source of another partition among China's: named alone, the way in still lets in", () => {
    const buckets = [...Array.from({ length: 500 }, (_, i) => `arn:aws-cn:s3:::uploads-${i}`), "arn:aws:s3:::global"];
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", s3Grant(["s3.amazonaws.com", "s3.amazonaws.com.cn"], buckets));
    const { report } = analyse(b);
    expect(ways(report)).toEqual([
      ["s3.amazonaws.com", undefined, "allowed", true],
      ["s3.amazonaws.com.cn", undefined, "allowed", true],
    ]);
    expect(report.functions[0]?.invokers[0]?.reason).toMatch(/^of its sources, arn:aws:s3:::global is in partition aws: .* so it names no caller$/);
  });

  it("a source ARN whose partition is a wildcard may be the function's own: let in", () => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", s3Grant("s3.amazonaws.com", ["arn:*:s3:::uploads"]));
    expect(ways(analyse(b).report)).toEqual([["s3.amazonaws.com", "arn:*:s3:::uploads", "allowed", false]]);
  });
});

// The rules read grants as the invoker list does (ownPartitionArns): a source of another partition is no caller,
// so it is no other account, no deputy and no one to call admin actions.
describe("rules on sources of another partition", () => {
  const TOPIC = `arn:aws:sns:us-east-1:${OTHER}:t`;
  const sourced = (principal: IamStatement["Principal"], sources: string[], action = "lambda:InvokeFunction") => (fn: string) => [
    { ...grant("s", principal, fn, action), Condition: { ArnLike: { "aws:SourceArn": sources } } },
  ];
  const findingsOf = (statements: (fn: string) => IamStatement[]) => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", statements);
    return analyse(b).report.findings;
  };

  it("a grant whose only source is another partition's lets no one in: no cross-account, admin or confused-deputy finding", () => {
    expect(findingsOf(sourced({ Service: "sns.amazonaws.com" }, [TOPIC], "lambda:*"))).toEqual([]);
    expect(findingsOf(sourced({ Service: "s3.amazonaws.com" }, ["arn:aws:s3:::uploads"]))).toEqual([]);
    expect(findingsOf(sourced("*", ["arn:aws:s3:::uploads"]))).toEqual([]);
    expect(findingsOf(sourced("*", [TOPIC]))).toEqual([]);
  });

  // Condition operators are ANDed: a clause whose every source is another partition's shuts the grant, whatever a
  // second clause on aws:SourceArn lists.
  it("ArnLike a commercial topic AND StringLike a China topic of another account: no caller, no finding", () => {
    const china = `arn:aws-cn:sns:cn-north-1:${OTHER}:t`;
    const twoClauses = (fn: string) => [
      { ...grant("s", { Service: "sns.amazonaws.com" }, fn), Condition: { ArnLike: { "aws:SourceArn": TOPIC }, StringLike: { "aws:SourceArn": china } } },
    ];
    expect(findingsOf(twoClauses)).toEqual([]);
    expect(findingsOf(sourced({ Service: "sns.amazonaws.com" }, [china])).map((f) => f.rule)).toContain("cross-account-invoke");
  });

  it("beside a China source of the account, a commercial topic of another account makes no cross-account finding", () => {
    expect(findingsOf(sourced({ Service: "sns.amazonaws.com" }, [TOPIC, `arn:aws-cn:sns:cn-north-1:${ACCOUNT}:t`]))).toEqual([]);
  });

  // The deputy a Deny is asked about is the service of the grant's China source, not of a commercial one listed first.
  it('a "*" grant for a commercial topic and a China bucket, whose Deny pins S3 to the account, is no confused deputy', () => {
    const denyOtherS3 = (fn: string): IamStatement => ({
      Sid: "pin",
      Effect: "Deny",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: fn,
      Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    const sources = [TOPIC, "arn:aws-cn:s3:::uploads"];
    expect(findingsOf((fn) => [...sourced("*", sources)(fn), denyOtherS3(fn)])).toEqual([]);
    expect(findingsOf(sourced("*", sources)).map((f) => f.rule)).toEqual(["confused-deputy"]);
  });

  it("a Deny of every source but a commercial bucket shuts a China function's S3 grant: no source is left to re-create", () => {
    const denyAllBut = (fn: string): IamStatement => ({
      Sid: "only",
      Effect: "Deny",
      Principal: "*",
      Action: "lambda:InvokeFunction",
      Resource: fn,
      Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } },
    });
    expect(findingsOf((fn) => [grant("s", { Service: "s3.amazonaws.com" }, fn), denyAllBut(fn)])).toEqual([]);
  });

  it("a China bucket beside a commercial one: the confused-deputy finding and its fix name the China bucket alone", () => {
    const found = findingsOf(sourced({ Service: "s3.amazonaws.com" }, ["arn:aws:s3:::uploads", "arn:aws-cn:s3:::uploads"]));
    expect(found.map((f) => [f.rule, f.severity])).toEqual([["confused-deputy", "medium"]]);
    // The evidence quotes the statement as written; what the finding says and re-adds is the China bucket's.
    for (const text of [found[0]!.detail, found[0]!.remediation]) {
      expect(text).toContain("arn:aws-cn:s3:::uploads");
      expect(text).not.toContain("arn:aws:s3:::uploads");
    }
  });
});

describe("principals that name no caller", () => {
  const DELETED = "AROAJQABLZS4A3QDU576Q";

  it("a role's unique id (the role was deleted) is listed as a deleted principal and matches nobody", () => {
    const b = builder();
    fnWithPolicy(b, "us-east-1", (fn) => [grant("gone", { AWS: DELETED }, fn, "lambda:*")]);
    const { report } = analyse(b);
    expect(report.findings.map((f) => f.rule)).toEqual([]);
    expect(report.functions[0]?.invokers.map((i) => [i.principal, i.principalType, i.decision])).toEqual([[DELETED, "deleted", "implicitly-denied"]]);
    expect(report.graph.nodes.filter((n) => n.kind === "principal")).toEqual([]);
  });

  it("a trust policy naming a deleted role's unique id lets nobody else assume the execution role", () => {
    const b = builder();
    const role = b.role({
      name: "r",
      managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")],
      trust: policy(
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { AWS: DELETED }, Action: "sts:AssumeRole" },
      ),
    });
    b.fn({ region: "us-east-1", name: "f", runtime: "nodejs22.x", role });
    expect(analyse(b).report.findings.filter((f) => f.rule === "execution-role-trust")).toEqual([]);
  });

  it("a role ARN of the aws partition in a GovCloud function policy lets no account in", () => {
    const b = builder("aws-us-gov");
    fnWithPolicy(b, "us-gov-west-1", (fn) => [grant("global", { AWS: `arn:aws:iam::${OTHER}:role/deployer` }, fn, "lambda:UpdateFunctionCode")]);
    const { report } = analyse(b);
    expect(report.findings.map((f) => f.rule)).toEqual([]);
  });
});

describe("qualified function ARNs", () => {
  it("a mapping on …:$LATEST polls the function itself: one function node, no '$LATEST' alias node", () => {
    const b = builder("aws-cn");
    const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole"), b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")] });
    const fn = b.fn({ region: "cn-north-1", name: "orders.v2_x-1", runtime: "nodejs22.x", role });
    const queue = b.arn("sqs", "cn-north-1", "orders.fifo");
    b.esm({ functionArn: `${fn}:$LATEST`, sourceArn: queue });
    const { report } = analyse(b);
    expect(report.graph.nodes.filter((n) => n.kind === "function").map((n) => n.id)).toEqual([`fn:${fn}`]);
    expect(report.graph.edges.filter((e) => e.kind === "polls").map((e) => [e.source, e.target])).toEqual([[`src:${queue}`, `fn:${fn}`]]);
    expect(report.findings.map((f) => f.rule)).toEqual([]);
  });

  it("the function's async config named …:$LATEST (as Lambda names it) is the function's own", () => {
    const b = builder();
    const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] });
    const fn = b.fn({ region: "us-east-1", name: "f", runtime: "nodejs22.x", role });
    b.eventInvokeConfig(fn, { onFailure: b.arn("sqs", "us-east-1", "dlq") });
    const input = b.build();
    const eic = input.regions?.["us-east-1"]?.GetFunctionEventInvokeConfig ?? {};
    eic[`${fn}:$LATEST`] = eic[fn]!;
    delete eic[fn];
    const model = buildAccountModel(parseSnapshot(JSON.stringify(input)));
    expect(model.functions[0]?.invokeConfigs.map((c) => c.qualifiedArn)).toEqual([fn]);
    const titles = analyzeModel(model).findings.filter((f) => f.rule === "async-target-permission-missing").map((f) => f.title);
    expect(titles).toHaveLength(1);
    expect(titles[0]).not.toContain("$LATEST");
  });
});

describe("names where an ARN belongs", () => {
  it("an identity policy naming a function by name ('my-function') reaches nothing: no resource node, no access edge", () => {
    const b = builder();
    const role = b.role({
      name: "r",
      managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")],
      inline: { invoke: policy(allow("lambda:InvokeFunction", ["my-function", "*:function:other"])) },
    });
    b.fn({ region: "us-east-1", name: "f", runtime: "nodejs22.x", role });
    const { report } = analyse(b);
    expect(report.functions[0]?.reaches.map((r) => `${r.service} ${r.resource}`)).toEqual(["lambda *:function:other", "logs *"]);
    expect(report.graph.nodes.filter((n) => n.kind === "resource").map((n) => n.id)).toEqual(["res:lambda:*:function:other", "res:logs:*"]);
  });
});

// A principal's ARN is of its own partition (an aws-cn caller's aws:PrincipalArn is arn:aws-cn:…): a grant confined to
// principal ARNs of another partition lets no caller in, in the invoker list and in the rules alike.
describe("principal ARNs of another partition in conditions", () => {
  const THIRD = "345678901234";
  const pinnedTo = (arns: string[]) => (fn: string) => [{ ...grant("p", "*", fn), Condition: { ArnEquals: { "aws:PrincipalArn": arns } } }];
  const china = (arns: string[]) => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", pinnedTo(arns));
    return analyse(b).report;
  };

  for (const arn of [`arn:aws:iam::${OTHER}:role/x`, `arn:aws:iam::${OTHER}:root`]) {
    it(`a "*" grant pinned to ${arn} on a China function lets no one in, and no rule reports ${OTHER}`, () => {
      const report = china([arn]);
      expect(report.functions[0]?.invokers.map((i) => [i.principal, i.decision, i.reason?.includes("another partition") ?? false])).toEqual([["*", "implicitly-denied", true]]);
      expect(report.findings).toEqual([]);
      expect(report.graph.nodes.filter((n) => n.kind === "principal")).toEqual([]);
    });
  }

  it("pinned with ArnEqualsIfExists, it still lets in a caller that carries no principal ARN (a service): not closed", () => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", (fn) => [{ ...grant("p", "*", fn), Condition: { ArnEqualsIfExists: { "aws:PrincipalArn": [`arn:aws:iam::${OTHER}:role/x`] } } }]);
    const report = analyse(b).report;
    expect(report.functions[0]?.invokers.map((i) => i.decision)).not.toEqual(["implicitly-denied"]);
    expect(report.findings.map((f) => f.rule)).toContain("public-invoke");
  });

  // "If your policy statement has multiple condition operators, the condition operators are evaluated using a logical
  // AND" (IAM user guide, reference_policies_multi-value-conditions.html): one clause no China caller passes shuts the
  // grant, whatever another clause on the same key lists.
  const clauses = (condition: Record<string, Record<string, string[]>>) => {
    const b = builder("aws-cn");
    fnWithPolicy(b, "cn-north-1", (fn) => [{ ...grant("p", "*", fn), Condition: condition }]);
    return analyse(b).report;
  };
  const closed = (report: ReturnType<typeof clauses>) =>
    report.functions[0]?.invokers.map((i) => [i.decision, i.reason?.includes("another partition") ?? false]);

  it("ArnLike to a commercial role AND StringLike to a China one: the ArnLike clause shuts every China caller out", () => {
    const report = clauses({
      ArnLike: { "aws:PrincipalArn": [`arn:aws:iam::${OTHER}:role/*`] },
      StringLike: { "aws:PrincipalArn": [`arn:aws-cn:iam::${OTHER}:role/*`] },
    });
    expect(closed(report)).toEqual([["implicitly-denied", true]]);
    expect(report.functions[0]?.invokers[0]?.reason).toMatch(/^principal ARN arn:aws:iam::210987654321:role\/\* \(aws:PrincipalArn\)/);
    expect(report.findings).toEqual([]);
  });

  it("an IfExists clause beside a plain one pinned to another partition: the plain one still shuts every caller out", () => {
    const report = clauses({
      ArnLikeIfExists: { "aws:PrincipalArn": [`arn:aws-cn:iam::${OTHER}:role/*`] },
      ArnEquals: { "aws:PrincipalArn": [`arn:aws:iam::${OTHER}:role/x`] },
    });
    expect(closed(report)).toEqual([["implicitly-denied", true]]);
    expect(report.findings).toEqual([]);
  });

  it("ArnLike to a China role AND ArnNotLike a commercial one: the China role is let in", () => {
    const report = clauses({
      ArnLike: { "aws:PrincipalArn": [`arn:aws-cn:iam::${OTHER}:role/*`] },
      ArnNotLike: { "aws:PrincipalArn": [`arn:aws:iam::${OTHER}:role/x`] },
    });
    expect(closed(report)).toEqual([["allowed", false]]);
    expect(report.findings.map((f) => f.title)).toEqual([`Account ${OTHER} can invoke this function`]);
  });

  it("the same grant pinned to a China role of another account lets it in, and cross-account-invoke reports it", () => {
    const report = china([`arn:aws-cn:iam::${OTHER}:role/x`]);
    expect(report.functions[0]?.invokers.map((i) => [i.principal, i.decision])).toEqual([["*", "allowed"]]);
    expect(report.findings.map((f) => f.title)).toEqual([`Account ${OTHER} can invoke this function`]);
  });

  it("beside a China role, a commercial role of another account is no outsider of the finding", () => {
    const report = china([`arn:aws:iam::${OTHER}:role/x`, `arn:aws-cn:iam::${THIRD}:role/y`]);
    expect(report.findings.map((f) => f.title)).toEqual([`Account ${THIRD} can invoke this function`]);
    expect(report.findings[0]?.detail).not.toContain(OTHER);
  });
});
