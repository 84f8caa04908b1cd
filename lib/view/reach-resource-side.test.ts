/**
 * The "Can do" filter asked about one resource whose own policy the snapshot holds (a KMS key's, an SQS queue's, a
 * Lambda function's) answers as AWS would, with that policy weighed; one whose policy the scan never reads (an S3
 * bucket's) says its answer is the identity side only.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { functionsReaching, POLICY_NOT_WEIGHED, POLICY_OVERLAP_NOT_WEIGHED, policyNotWeighed, reachAnswersOf, reachAnswersWithDenied } from "./reach-filter";
import { IDENTITY_SIDE_ONLY } from "@/lib/analysis/resource-side";
import { nameNotWeighed } from "@/lib/analysis/resource-name";
import { keyPolicyUnknown } from "./reach-filter";
import { exactAsker } from "./reach-exact";
import type { ReachQuestion } from "./reach-question";

const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SHARED_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/2234abcd-12ab-34cd-56ef-1234567890ab`;
const aliasArn = (name: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:alias/${name}`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const BUCKET = "arn:aws:s3:::orders-prod";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function world() {
  const b = newBuilder();
  const fns: Record<string, string> = {};
  const grants: Record<string, ReturnType<typeof policy>> = {
    decrypter: policy(allow("kms:Decrypt", "*")),
    sender: policy(allow("sqs:SendMessage", "*")),
    invoker: policy(allow("lambda:InvokeFunction", "*")),
    writer: policy(allow("s3:PutObject", "*")),
  };
  for (const [name, doc] of Object.entries(grants)) fns[name] = b.fn({ region: REGION, name, runtime: "nodejs22.x", role: b.role({ name, trust: serviceTrust(), inline: { p: doc } }) });
  const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target", trust: serviceTrust(), inline: { p: policy(allow("logs:PutLogEvents", "*")) } }) });
  // The key lets its administrators in, and no one else: no delegation to the account's IAM policies.
  b.kmsKey({ arn: KEY, refs: [KEY, "alias/admins-only"], policy: { Version: "2012-10-17", Statement: [{ Sid: "KeyAdmins", Effect: "Allow", Principal: { AWS: role("key-admin") }, Action: "kms:*", Resource: "*" }] } });
  b.kmsKey({ arn: SHARED_KEY, refs: [SHARED_KEY, "alias/shared"], policy: { Version: "2012-10-17", Statement: [{ Sid: "EnableIAMPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] } });
  b.queuePolicy(QUEUE, { Version: "2012-10-17", Statement: [{ Sid: "NoSends", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE }] });
  b.resourcePolicy(target, { Version: "2012-10-17", Id: "default", Statement: [{ Sid: "OnlyApi", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: target, Condition: { StringNotEquals: { "aws:PrincipalArn": role("api") } } }] } as never);
  const snapshot = parseSnapshot(b.build());
  return { report: analyzeSnapshot(snapshot), exact: exactAsker(buildAccountModel(snapshot)), target };
}

async function answers(q: ReachQuestion) {
  const { report, exact } = world();
  const got = await reachAnswersOf(report, q, async () => exact);
  return Object.fromEntries(report.functions.filter((f) => got.has(f.arn)).map((f) => [f.name, got.get(f.arn)!]));
}

describe("a Can do question on one resource with a policy of its own", () => {
  it("leaves out a function a KMS key policy does not let in, though its role's own policy allows kms:Decrypt", async () => {
    expect(Object.keys(await answers({ action: "kms:Decrypt", resource: KEY }))).toEqual([]);
  });

  it("keeps a function a key policy lets in by delegating to IAM, citing the key policy's statement", async () => {
    const got = await answers({ action: "kms:Decrypt", resource: SHARED_KEY });
    expect(Object.keys(got)).toEqual(["decrypter"]);
    expect(got.decrypter?.state).toBe("allowed");
    expect(got.decrypter?.exact?.resourcePolicy).toContain(`key policy of ${SHARED_KEY}#EnableIAMPolicies`);
  });

  it("leaves out a function a queue policy's Deny refuses", async () => {
    expect(Object.keys(await answers({ action: "sqs:SendMessage", resource: QUEUE }))).toEqual([]);
  });

  it("leaves out a function a function policy's Deny refuses", async () => {
    const { target } = world();
    expect(Object.keys(await answers({ action: "lambda:InvokeFunction", resource: target }))).toEqual([]);
  });

  it("answers conditional on the other account's policy for a resource of another account", async () => {
    const foreign = "arn:aws:sqs:us-east-1:210987654321:partner-orders";
    const got = await answers({ action: "sqs:SendMessage", resource: foreign });
    expect(Object.keys(got)).toEqual(["sender"]);
    expect(got.sender?.state).toBe("conditional");
    expect(got.sender?.exact?.why).toMatch(/account 210987654321/);
  });

  it("does not say a key's policy was not read when an action pattern leaves that policy unweighed", async () => {
    // The snapshot holds the key policy, and it lets only key-admin in: the row may not weigh it for a pattern, which
    // no one request stands for, but "the resource's own policy was not read" tells the reader it is missing.
    const got = await answers({ action: "kms:Decrypt*", resource: KEY });
    expect(Object.keys(got)).toEqual(["decrypter"]);
    expect(got.decrypter?.resourceSide ?? "").not.toMatch(/was not read/);
    // Unweighed, the key policy may refuse the role (this one does): the reach list's Allow is no "allowed".
    expect(got.decrypter?.state).toBe("conditional");
    expect(got.decrypter?.resourceSide).toMatch(/was read but not weighed/);
  });

  it("calls keys' policies neither read nor unread when the question names keys by an ARN pattern", async () => {
    // The pattern covers keys the scan never read (it reads those functions and queues name): "was read" is not true.
    const got = await answers({ action: "kms:Decrypt", resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*` });
    expect(got.decrypter?.state).toBe("conditional");
    expect(got.decrypter?.resourceSide).toMatch(/^its own policy was not weighed, and the scan reads it only for the keys the account's functions and queues name/);
    expect(got.decrypter?.resourceSide).not.toMatch(/was read|was not read/);
  });

  it("says the answer is the identity side only for a resource whose policy the scan never reads", async () => {
    const got = await answers({ action: "s3:PutObject", resource: BUCKET });
    expect(Object.keys(got)).toEqual(["writer"]);
    expect(got.writer?.state).toBe("allowed");
    expect(got.writer?.resourceSide).toBe("identity side only; the resource's own policy was not read");
  });

  it("says so too of a bucket asked by name, as of one asked by ARN", async () => {
    const got = await answers({ action: "s3:PutObject", resource: "orders-prod" });
    expect(Object.keys(got)).toEqual(["writer"]);
    expect(got.writer?.resourceSide).toBe(IDENTITY_SIDE_ONLY);
    expect((await answers({ action: "s3:*", resource: "orders-prod" })).writer?.resourceSide).toBe(IDENTITY_SIDE_ONLY);
    // A name a key's action asks about is no resource whose policy was never read: no such note.
    expect((await answers({ action: "kms:Decrypt", resource: "1234abcd-12ab-34cd-56ef-1234567890ab" })).decrypter?.resourceSide).toBeUndefined();
  });
});

describe("a Can do question naming a queue, key or function whose own policy the evaluator weighs", () => {
  it("asks the one resource of that name as its ARN: its policy's Deny, or a key policy not letting the role in, leaves the function out", async () => {
    expect(Object.keys(await answers({ action: "sqs:SendMessage", resource: "orders" }))).toEqual([]);
    expect(Object.keys(await answers({ action: "lambda:InvokeFunction", resource: "target" }))).toEqual([]);
    expect(Object.keys(await answers({ action: "kms:Decrypt", resource: "1234abcd-12ab-34cd-56ef-1234567890ab" }))).toEqual([]);
    // The key whose policy delegates to IAM lets the role in: the row is the ARN's, with the evaluator's word.
    const shared = await answers({ action: "kms:Decrypt", resource: "2234abcd-12ab-34cd-56ef-1234567890ab" });
    expect(shared.decrypter?.state).toBe("allowed");
    expect(shared.decrypter?.exact?.resource).toBe(SHARED_KEY);
  });

  it("says on every row, and once for the answer, which ARN the name was asked as", async () => {
    const { report, exact } = world();
    const name = "2234abcd-12ab-34cd-56ef-1234567890ab";
    const got = await reachAnswersWithDenied(report, { action: "kms:Decrypt", resource: name }, async () => exact);
    const askedAs = `asked as ${SHARED_KEY} (the only key named ${name})`;
    expect(got.askedAs).toBe(askedAs);
    expect([...got.answers.values()].map((a) => a.askedAs)).toEqual([askedAs]);
    // A name asked as written (none of that name) says nothing of the sort.
    const unknown = await reachAnswersWithDenied(report, { action: "sqs:SendMessage", resource: "partner-orders" }, async () => exact);
    expect(unknown.askedAs).toBeUndefined();
    expect([...unknown.answers.values()].map((a) => a.askedAs)).toEqual([undefined]);
  });

  it("says the policy was not weighed for a name the snapshot does not hold, or for an action pattern", async () => {
    const unknown = await answers({ action: "sqs:SendMessage", resource: "partner-orders" });
    expect(Object.keys(unknown)).toEqual(["sender"]);
    expect(unknown.sender?.resourceSide).toBe(nameNotWeighed("sqs"));
    expect(unknown.sender?.resourceSide).toBe("asked by name: sqs resource policies are weighed only when asked by ARN");
    expect((await answers({ action: "sqs:Send*", resource: "orders" })).sender?.resourceSide).toBe(nameNotWeighed("sqs"));
    // Without the evaluator, no name is turned into an ARN: the note stands.
    const { report } = world();
    const bare = functionsReaching(report.functions, { action: "sqs:SendMessage", resource: "orders" });
    expect([...bare.values()].map((a) => a.resourceSide)).toEqual([nameNotWeighed("sqs")]);
  });
});

describe("a Can do row whose resource's own policy takes part but was not weighed", () => {
  it("says why per case: a pattern asked, the evaluator missing, a grant only overlapping the ARN, another account", async () => {
    const { report, exact } = world();
    const one = async (q: ReachQuestion, asker: typeof exact | undefined) => {
      const got = await reachAnswersOf(report, q, async () => asker);
      return report.functions.filter((f) => got.has(f.arn)).map((f) => got.get(f.arn)!.resourceSide ?? "");
    };
    expect(await one({ action: "kms:Decrypt*", resource: KEY }, exact)).toEqual([POLICY_NOT_WEIGHED]);
    // One action on one ARN, with no evaluator to ask: no pattern was asked, and none is the fix.
    const [unloaded] = await one({ action: "kms:Decrypt", resource: KEY }, undefined);
    expect(unloaded).toMatch(/^its own policy was not weighed: the evaluator that weighs it could not be loaded/);
    expect(unloaded).not.toMatch(/pattern|ask one action/);
    // Another account's keys: their policies are not in the snapshot at all, so "was read" would be false.
    const [foreign] = await one({ action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:210987654321:key/*" }, exact);
    expect(foreign).toMatch(/^the resource is in account 210987654321, whose policy the snapshot does not hold: it must allow the request too/);
  });

  it("does not say a queue pattern's policies were read: the scan reads only the queues functions use", async () => {
    // One queue read, with no Deny; a pattern over every queue covers others the scan never read.
    const b = newBuilder();
    b.fn({ region: REGION, name: "sender", runtime: "nodejs22.x", role: b.role({ name: "sender", trust: serviceTrust(), inline: { p: policy(allow("sqs:SendMessage", "*")) } }) });
    b.queueEncryption(QUEUE, {});
    const snapshot = parseSnapshot(b.build());
    const report = analyzeSnapshot(snapshot);
    const got = await reachAnswersOf(report, { action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:*` }, async () => exactAsker(buildAccountModel(snapshot)));
    const [row] = [...got.values()];
    expect(row?.state).toBe("conditional");
    expect(row?.resourceSide).not.toMatch(/was read/);
    expect(row?.resourceSide).toBe(policyNotWeighed("sqs"));
    expect(row?.resourceSide).toMatch(/^its own policy was not weighed, and the scan reads it only for the queues the account's functions use: a pattern/);
    expect(policyNotWeighed("lambda")).toBe(POLICY_NOT_WEIGHED);
  });

  it("says a grant only overlapping the ARN asked is no one request, not that a pattern was asked", () => {
    const b = newBuilder();
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target", trust: serviceTrust(), inline: {} }) });
    b.fn({ region: REGION, name: "caller", runtime: "nodejs22.x", role: b.role({ name: "caller", trust: serviceTrust(), inline: { p: policy(allow("lambda:InvokeFunction", `arn:aws:lambda:*:${ACCOUNT}:function:target:prod`)) } }) });
    const snapshot = parseSnapshot(b.build());
    const report = analyzeSnapshot(snapshot);
    const got = functionsReaching(report.functions, { action: "lambda:InvokeFunction", resource: target }, exactAsker(buildAccountModel(snapshot)));
    const said = [...got.values()].map((a) => a.resourceSide);
    expect(said).toEqual([POLICY_OVERLAP_NOT_WEIGHED]);
    expect(said[0]).not.toMatch(/ask one action/);
  });
});

describe("a Can do row on a KMS key says of its key policy only what is true", () => {
  const READ = SHARED_KEY;
  const ALIAS = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/shared`;
  const LOST_ALIAS = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/nowhere`;
  const UNREAD = `arn:aws:kms:${REGION}:${ACCOUNT}:key/3234abcd-12ab-34cd-56ef-1234567890ab`;
  const REFUSED = `arn:aws:kms:${REGION}:${ACCOUNT}:key/4234abcd-12ab-34cd-56ef-1234567890ab`;
  function keys() {
    const b = newBuilder();
    b.fn({ region: REGION, name: "decrypter", runtime: "nodejs22.x", role: b.role({ name: "decrypter", trust: serviceTrust(), inline: { p: policy(allow("kms:Decrypt", "*")) } }) });
    b.kmsKey({ arn: READ, refs: [READ, "alias/shared"], policy: { Version: "2012-10-17", Statement: [{ Sid: "EnableIAMPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] } });
    b.kmsKey({ arn: REFUSED, policyError: "AccessDeniedException" });
    const snapshot = parseSnapshot(b.build());
    return { report: analyzeSnapshot(snapshot), exact: exactAsker(buildAccountModel(snapshot)) };
  }
  const NOT_WEIGHED_ANY_KEY = /^its own policy was not weighed, and the scan reads it only for the keys the account's functions and queues name: a pattern/;
  const cases: { asked: string; action: string; resource: string; evaluator?: false; side: string | RegExp | undefined; exact?: RegExp }[] = [
    { asked: "one action on a key read: read and weighed", action: "kms:Decrypt", resource: READ, side: undefined, exact: /^$/ },
    { asked: "one action on a key never read: weighed as unknown", action: "kms:Decrypt", resource: UNREAD, side: undefined, exact: /the key policy of .*, which the snapshot does not hold/ },
    { asked: "a pattern on a key read", action: "kms:Decrypt*", resource: READ, side: POLICY_NOT_WEIGHED },
    { asked: "a pattern on an alias of a key read", action: "kms:Decrypt*", resource: ALIAS, side: POLICY_NOT_WEIGHED },
    { asked: "a pattern on a key never read", action: "kms:Decrypt*", resource: UNREAD, side: keyPolicyUnknown(`the key policy of ${UNREAD}, which the snapshot does not hold`) },
    { asked: "a pattern on a key whose read failed", action: "kms:Decrypt*", resource: REFUSED, side: keyPolicyUnknown(`the key policy of ${REFUSED} (GetKeyPolicy failed: AccessDeniedException)`) },
    { asked: "a pattern on an alias the snapshot does not resolve", action: "kms:Decrypt*", resource: LOST_ALIAS, side: keyPolicyUnknown(`the key policy of ${LOST_ALIAS}, which the snapshot does not hold`) },
    { asked: "a pattern of keys", action: "kms:Decrypt", resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`, side: NOT_WEIGHED_ANY_KEY },
    { asked: "a pattern on a key read, without the account model", action: "kms:Decrypt*", resource: READ, evaluator: false, side: NOT_WEIGHED_ANY_KEY },
    { asked: "a pattern on a key never read, without the account model", action: "kms:Decrypt*", resource: UNREAD, evaluator: false, side: NOT_WEIGHED_ANY_KEY },
  ];
  it.each(cases)("$asked", async ({ action, resource, evaluator, side, exact: why }) => {
    const { report, exact } = keys();
    const got = await reachAnswersOf(report, { action, resource }, async () => (evaluator === false ? undefined : exact));
    const [row] = [...got.values()];
    expect(row, "the decrypter is answered").toBeDefined();
    if (side instanceof RegExp) expect(row?.resourceSide).toMatch(side);
    else expect(row?.resourceSide).toBe(side);
    // "was read" only where the snapshot holds that key's policy.
    if (resource !== READ && resource !== ALIAS) expect(row?.resourceSide ?? "").not.toMatch(/was read/);
    if (why) expect(row?.exact?.why ?? "").toMatch(why);
    else expect(row?.exact).toBeUndefined();
  });
});

describe("a Can do question on a KMS alias's ARN", () => {
  it("is asked as the key the alias points to: its key policy lets the role in, cited, and every row says so", async () => {
    const { report, exact } = world();
    const got = await reachAnswersWithDenied(report, { action: "kms:Decrypt", resource: aliasArn("shared") }, async () => exact);
    const askedAs = `asked as ${SHARED_KEY} (the key alias/shared points to)`;
    expect(got.askedAs).toBe(askedAs);
    const rows = Object.fromEntries(report.functions.filter((f) => got.answers.has(f.arn)).map((f) => [f.name, got.answers.get(f.arn)!]));
    expect(Object.keys(rows)).toEqual(["decrypter"]);
    expect(rows.decrypter).toMatchObject({ state: "allowed", askedAs, exact: { resource: SHARED_KEY } });
    expect(rows.decrypter?.exact?.resourcePolicy).toContain(`key policy of ${SHARED_KEY}#EnableIAMPolicies`);
    // The key that lets only its administrators in refuses the role through its alias too.
    expect(Object.keys(await answers({ action: "kms:Decrypt", resource: aliasArn("admins-only") }))).toEqual([]);
  });

  it("keeps the alias in the request as kms:RequestAlias, which a role's policy may require", async () => {
    const b = newBuilder();
    const only = policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`, Condition: { StringEquals: { "kms:RequestAlias": "alias/shared" } } });
    b.fn({ region: REGION, name: "via-alias", runtime: "nodejs22.x", role: b.role({ name: "via-alias", trust: serviceTrust(), inline: { p: only } }) });
    b.kmsKey({ arn: SHARED_KEY, refs: [SHARED_KEY, "alias/shared"], policy: { Version: "2012-10-17", Statement: [{ Sid: "EnableIAMPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] } });
    const snapshot = parseSnapshot(b.build());
    const report = analyzeSnapshot(snapshot);
    const exact = exactAsker(buildAccountModel(snapshot));
    const state = async (resource: string) => [...(await reachAnswersOf(report, { action: "kms:Decrypt", resource }, async () => exact)).values()].map((a) => a.state);
    expect(await state(aliasArn("shared"))).toEqual(["allowed"]);
    expect(await state(SHARED_KEY)).toEqual(["conditional"]);
  });

  it("asks an alias the snapshot did not resolve as given, its row's words unchanged", async () => {
    const got = await answers({ action: "kms:Decrypt", resource: aliasArn("nowhere") });
    expect(Object.keys(got)).toEqual(["decrypter"]);
    expect(got.decrypter?.askedAs).toBeUndefined();
    expect(got.decrypter?.state).toBe("conditional");
    expect(got.decrypter?.exact?.why).toContain(`the key policy of ${aliasArn("nowhere")}, which the snapshot does not hold`);
    // The row's words say once that the key policy is missing, and once that KMS checks the key, not the alias.
    expect(got.decrypter?.exact?.why?.match(/could not read the key policy|policy was not weighed/g)).toHaveLength(1);
    expect(got.decrypter?.exact?.why).not.toContain("AWS never checks");
  });
});
