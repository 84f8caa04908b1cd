/**
 * Small generated accounts for the metamorphic properties (metamorphic.test.ts): callers of functions
 * (identity policies naming functions, aliases, regions), an execution role against what its triggers, logs, VPC,
 * tracing and destinations need, and function policies (principals, actions, conditions, URLs).
 */
import fc from "fast-check";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";

/* ---------------- callers: identity policies naming functions ---------------- */
const ACCT = "123456789012";
const FN_NAMES = ["orders", "orders-api", "billing", "b"];
const REGIONS = ["us-east-1", "eu-west-1"];
const fnArn = (r: string, n: string) => `arn:aws:lambda:${r}:${ACCT}:function:${n}`;
const resourceArb = fc.constantFrom("*", `arn:aws:lambda:*:${ACCT}:function:*`, `arn:aws:lambda:us-east-1:${ACCT}:function:*`, `arn:aws:lambda:*:${ACCT}:function:orders*`, "FN", "FN:*", "FN:live", "FN:$LATEST", "FN:1", `arn:aws:lambda:eu-west-1:${ACCT}:*`, `arn:aws:lambda:*:*:function:b`);
const callerStmtArb = fc.record({
  effect: fc.constantFrom("Allow", "Allow", "Deny"),
  action: fc.constantFrom("lambda:InvokeFunction", "lambda:Invoke*", "lambda:*", "*", "lambda:InvokeAsync", "lambda:invokefunction"),
  resources: fc.array(fc.tuple(resourceArb, fc.nat(7)), { minLength: 1, maxLength: 2 }),
  notResource: fc.constantFrom(false, false, false, true),
  cond: fc.constantFrom<any>(undefined, undefined, { StringEquals: { "aws:RequestedRegion": "us-east-1" } }, { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }),
});
export const callersWorldArb = fc.record({
  fns: fc.uniqueArray(fc.tuple(fc.constantFrom(...REGIONS), fc.constantFrom(...FN_NAMES), fc.boolean()), { minLength: 1, maxLength: 5, selector: ([r, n]) => `${r}/${n}` }),
  callers: fc.array(fc.array(callerStmtArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  rdeny: fc.option(fc.tuple(fc.nat(7), fc.nat(3), fc.constantFrom("FN", "FN:*", "*")), { nil: undefined }),
});
export type CallersWorld = typeof callersWorldArb extends fc.Arbitrary<infer T> ? T : never;
export function callersWorld(w: CallersWorld, extra?: (b: SnapshotBuilder) => void) {
  const b = new SnapshotBuilder({ account: ACCT, capturedAt: "2026-11-28T10:00:00Z", regions: REGIONS });
  const exec = b.role({ name: "exec", trust: serviceTrust(), inline: { logs: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } });
  const fns = w.fns.map(([r, n, aliased]) => {
    const arn = b.fn({ region: r, name: n, runtime: "nodejs22.x", role: exec });
    if (aliased) { b.version(arn, "1"); b.alias(arn, "live", "1"); }
    return arn;
  });
  const callers = w.callers.map((stmts, ci) =>
    b.role({
      name: `caller-${ci}`,
      trust: serviceTrust("states.amazonaws.com"),
      inline: {
        p: policy(...stmts.map((s) => {
          const res = s.resources.map(([r, i]) => r.replace("FN", fns[i % fns.length]!));
          const st: any = { Effect: s.effect, Action: s.action, [s.notResource ? "NotResource" : "Resource"]: res };
          if (s.cond) st.Condition = s.cond;
          return st;
        })),
      },
    }),
  );
  if (w.rdeny) {
    const [fi, ci, res] = w.rdeny;
    const fn = fns[fi % fns.length]!;
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "deny", Effect: "Deny", Principal: { AWS: callers[ci % callers.length]! }, Action: "lambda:InvokeFunction", Resource: res.replace("FN", fn) }] } as never);
  }
  extra?.(b);
  return JSON.parse(JSON.stringify(b.build()));
}

/* ---------------- needs: one execution role, three functions with triggers and destinations ---------------- */
const A = ACCT, R = "us-east-1";
const Q = `arn:aws:sqs:${R}:${A}:orders`, Q2 = `arn:aws:sqs:${R}:${A}:failures`, T = `arn:aws:sns:${R}:${A}:dlq-topic`;
const S = `arn:aws:kinesis:${R}:${A}:stream/clicks`, DS = `arn:aws:dynamodb:${R}:${A}:table/t/stream/2026-01-01T00:00:00.000`;
const KEY = `arn:aws:kms:${R}:${A}:key/11111111-2222-3333-4444-555555555555`;
const LG = (n: string) => `arn:aws:logs:${R}:${A}:log-group:/aws/lambda/${n}:*`;
const ACTIONS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:*", "sqs:SendMessage", "sqs:Get*", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:*", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams", "dynamodb:*", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:*", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses", "ec2:*", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:*", "sns:Publish", "kms:Decrypt", "*", "Lambda:*"];
const RES = ["*", Q, Q2, T, S, DS, KEY, LG("f1"), LG("f2"), LG("f3"), `arn:aws:logs:${R}:${A}:*`, `arn:aws:sqs:*:${A}:*`, `arn:aws:kinesis:${R}:${A}:stream/*`, `arn:aws:dynamodb:${R}:${A}:table/t/stream/*`, `arn:aws:dynamodb:${R}:${A}:table/t`, `arn:aws:ec2:${R}:${A}:*`, `arn:aws:logs:${R}:${A}:log-group:/aws/lambda/*`];
const COND = [undefined, undefined, undefined, { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { StringEquals: { "aws:SourceAccount": A } }, { StringEquals: { "ec2:Vpc": `arn:aws:ec2:${R}:${A}:vpc/vpc-1` } }, { ArnEquals: { "lambda:SourceFunctionArn": `arn:aws:lambda:${R}:${A}:function:f1` } }, { StringEquals: { "kms:ViaService": `sqs.${R}.amazonaws.com` } }];
export const needsStmtArb = (effects: string[]) => fc.record({
  Effect: fc.constantFrom(...effects),
  Action: fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
  Resource: fc.array(fc.constantFrom(...RES), { minLength: 1, maxLength: 3 }),
  Condition: fc.constantFrom<any>(...COND),
}).map((s) => { const o: any = { ...s }; if (!o.Condition) delete o.Condition; return o; });
export const needsArb = fc.array(needsStmtArb(["Allow", "Allow", "Allow", "Deny"]), { minLength: 1, maxLength: 6 });
export function needsWorld(stmts: any[]) {
  const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-28T10:00:00Z", regions: [R] });
  const role = b.role({ name: "exec", trust: serviceTrust(), inline: { p: policy(...stmts) } });
  const f1 = b.fn({ region: R, name: "f1", runtime: "nodejs22.x", role, dlq: T, vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"], vpcId: "vpc-1" }, tracing: "Active" });
  b.esm({ functionArn: f1, sourceArn: Q });
  b.queueEncryption(Q, { kmsKeyId: KEY });
  const f2 = b.fn({ region: R, name: "f2", runtime: "nodejs22.x", role, kmsKeyArn: KEY });
  b.esm({ functionArn: f2, sourceArn: S, destinationOnFailure: Q2, startingPosition: "LATEST" });
  b.streamEncryption(S, {});
  b.queueEncryption(Q2, { sseSqs: true });
  const f3 = b.fn({ region: R, name: "f3", runtime: "nodejs22.x", role });
  b.esm({ functionArn: f3, sourceArn: DS, startingPosition: "LATEST" });
  b.eventInvokeConfig(f3, { onFailure: Q2 });
  return JSON.parse(JSON.stringify(b.build()));
}

/* ---------------- function policies ---------------- */
const OTHER = "210987654321";
const FN = `arn:aws:lambda:${R}:${A}:function:f`;
const PRINCIPALS: any[] = ["*", { AWS: "*" }, { AWS: OTHER }, { AWS: `arn:aws:iam::${OTHER}:root` }, { AWS: A }, { AWS: `arn:aws:iam::${A}:role/caller` }, { AWS: `arn:aws:iam::${OTHER}:role/x` }, { Service: "s3.amazonaws.com" }, { Service: "sns.amazonaws.com" }, { Service: "apigateway.amazonaws.com" }, { Service: "events.amazonaws.com" }, { Service: ["s3.amazonaws.com", "sqs.amazonaws.com"] }];
const GRANT_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync", "lambda:Invoke*", "lambda:*", "*", "lambda:GetFunction", "lambda:UpdateFunctionCode"];
const RESOURCES = [FN, `${FN}:*`, `${FN}:live`, "*", `arn:aws:lambda:${R}:${A}:function:*`];
const CONDS: any[] = [undefined, undefined, { StringEquals: { "aws:SourceAccount": A } }, { StringEquals: { "aws:SourceAccount": OTHER } }, { ArnLike: { "aws:SourceArn": `arn:aws:sns:${R}:${A}:topic` } }, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket" } }, { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }, { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } }, { Bool: { "lambda:InvokedViaFunctionUrl": "true" } }, { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { StringEquals: { "aws:PrincipalAccount": A } }, { StringNotEquals: { "aws:SourceAccount": A } }, { "ForAnyValue:StringEquals": { "aws:PrincipalOrgPaths": "o-abc123/r-1/ou-1/" } }, { Null: { "aws:SourceArn": "false" } }];
export const grantArb = fc.record({
  Sid: fc.constantFrom("a", "b", "c", "d"),
  Effect: fc.constantFrom("Allow", "Allow", "Allow", "Deny"),
  notPrincipal: fc.constantFrom(false, false, false, false, true),
  Principal: fc.constantFrom(...PRINCIPALS),
  Action: fc.array(fc.constantFrom(...GRANT_ACTIONS), { minLength: 1, maxLength: 2 }),
  Resource: fc.constantFrom(...RESOURCES),
  Condition: fc.constantFrom(...CONDS),
}).map((g) => { const o: any = { Sid: g.Sid, Effect: g.Effect, [g.notPrincipal && g.Principal !== "*" ? "NotPrincipal" : "Principal"]: g.Principal, Action: g.Action, Resource: g.Resource }; if (g.Condition) o.Condition = g.Condition; return o; });
export const grantsWorldArb = fc.record({ stmts: fc.array(grantArb, { minLength: 1, maxLength: 4 }), url: fc.constantFrom<any>(undefined, "NONE", "AWS_IAM"), alias: fc.boolean() });
export function grantsWorld(w: { stmts: any[]; url?: string; alias: boolean }) {
  const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-28T10:00:00Z", regions: [R] });
  const exec = b.role({ name: "exec", trust: serviceTrust(), inline: { logs: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } });
  b.role({ name: "caller", trust: serviceTrust("states.amazonaws.com"), inline: { p: policy({ Effect: "Allow", Action: "sqs:*", Resource: "*" }) } });
  const fn = b.fn({ region: R, name: "f", runtime: "nodejs22.x", role: exec });
  if (w.alias) { b.version(fn, "1"); b.alias(fn, "live", "1"); }
  const uniq = w.stmts.map((s, i) => ({ ...s, Sid: `${s.Sid}${i}` }));
  b.resourcePolicy(fn, { Version: "2012-10-17", Id: "default", Statement: uniq } as never);
  if (w.url) b.url(fn, { authType: w.url as "NONE" | "AWS_IAM" });
  return JSON.parse(JSON.stringify(b.build()));
}