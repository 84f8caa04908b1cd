/**
 * A `can` question that names a queue, key, function, file system or repository (not its ARN) is asked as the one
 * ARN of that name the snapshot holds, its own policy weighed; a name that is none or several says that policy was
 * not weighed, rather than answering from the identity side in silence.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ask } from "./what-if";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { namedResource, nameNotWeighed } from "./resource-name";

const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SHARED = `arn:aws:kms:${REGION}:${ACCOUNT}:key/2234abcd-12ab-34cd-56ef-1234567890ab`;
const aliasArn = (name: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:alias/${name}`;
const AP = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:access-point/fsap-0123456789abcdef0`;
const denyAll = (Sid: string, Action: string) => ({ Version: "2012-10-17", Statement: [{ Sid, Effect: "Deny", Principal: "*", Action, Resource: "*" }] });

function world() {
  const b = newBuilder();
  const role = b.role({ name: "app", trust: serviceTrust(), inline: { p: policy(allow(["sqs:SendMessage", "kms:Decrypt", "lambda:InvokeFunction", "elasticfilesystem:ClientWrite", "ecr:PutImage", "sns:Publish"], "*")) } });
  const app = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
  const target = b.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b.role({ name: "target", trust: serviceTrust(), inline: {} }) });
  b.resourcePolicy(target, denyAll("NoInvokes", "lambda:InvokeFunction") as never);
  b.queuePolicy(QUEUE, denyAll("NoSends", "sqs:SendMessage"));
  b.topicPolicy(TOPIC, denyAll("NoPublishes", "sns:Publish"));
  // The same queue name in another region: asked by name, it is ambiguous.
  b.queueEncryption(`arn:aws:sqs:eu-west-1:${ACCOUNT}:audit`, {});
  b.queueEncryption(`arn:aws:sqs:${REGION}:${ACCOUNT}:audit`, {});
  b.kmsKey({ arn: KEY, refs: [KEY, "alias/orders"], policy: { Version: "2012-10-17", Statement: [{ Sid: "KeyAdmins", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` }, Action: "kms:*", Resource: "*" }] } });
  // Its policy delegates to IAM: the app role's kms:Decrypt on * lets it in.
  b.kmsKey({ arn: SHARED, refs: [SHARED, "alias/shared"], policy: { Version: "2012-10-17", Statement: [{ Sid: "EnableIAMPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] } });
  b.error({ region: REGION, operation: "DescribeKey", target: "alias/hidden", code: "AccessDeniedException", message: "not authorized" });
  // A role that may use keys only through alias/shared (kms:RequestAlias), as ABAC for KMS has it.
  b.fn({ region: REGION, name: "via-alias", runtime: "nodejs22.x", role: b.role({ name: "via-alias", trust: serviceTrust(), inline: { p: policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`, Condition: { StringEquals: { "kms:RequestAlias": "alias/shared" } } }) } }) });
  b.efsAccessPoint(AP, { fileSystemId: "fs-0123456789abcdef0", policy: denyAll("NoWrites", "elasticfilesystem:ClientWrite") });
  const image = b.fn({ region: REGION, name: "imaged", runtime: "python3.13", role, image: true });
  b.ecrImage(image, `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:v1`, { policy: denyAll("NoPushes", "ecr:PutImage") });
  return { model: modelOf(b), app };
}

const can = (action: string, resource: string) => ask(world().model, { principal: "app", action, resource });

describe("a resource of a service whose own policies are weighed, asked by name", () => {
  it("is asked as the one ARN of that name: the queue, file system, repository or function policy's Deny refuses it", () => {
    for (const [action, name, sid] of [
      ["sqs:SendMessage", "orders", "NoSends"],
      ["elasticfilesystem:ClientWrite", "fs-0123456789abcdef0", "NoWrites"],
      ["ecr:PutImage", "app", "NoPushes"],
      ["lambda:InvokeFunction", "target", "NoInvokes"],
      ["sns:Publish", "alerts", "NoPublishes"],
    ] as const) {
      const answer = can(action, name);
      expect(answer.decision, `${action} on ${name}`).toBe("explicitly-denied");
      expect(answer.statements.some((s) => s.policyKind === "resource" && s.sid === sid)).toBe(true);
      // The answer is of the question asked, and says which ARN the name was.
      expect(answer.resource).toBe(name);
      expect(answer.reasons.some((r) => r.startsWith(`asked by name: ${name} is arn:aws:`))).toBe(true);
    }
  });

  it("finds a key by its id or alias, and weighs its key policy, which lets only its administrators in", () => {
    for (const name of ["1234abcd-12ab-34cd-56ef-1234567890ab", "alias/orders"]) expect(can("kms:Decrypt", name).decision, name).toBe("implicitly-denied");
    expect(can("kms:Decrypt", "1234abcd-12ab-34cd-56ef-1234567890ab").reasons).toContain(
      `asked by name: 1234abcd-12ab-34cd-56ef-1234567890ab is ${KEY}, the only key of that name in the snapshot, and was answered as that ARN`,
    );
    // An alias is no key's name: the answer says where the alias was found and which key it points to.
    expect(can("kms:Decrypt", "alias/orders").reasons).toContain(
      `asked by name: alias/orders in ${ACCOUNT} ${REGION} points to ${KEY} (DescribeKey), the only alias of that name in the snapshot, and was answered as that key`,
    );
  });

  it("says which regions hold an alias name the account has in several, and asks none of their keys", () => {
    const b = newBuilder();
    b.kmsKey({ arn: KEY, refs: [KEY, "alias/orders"] });
    b.kmsKey({ arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/3234abcd-12ab-34cd-56ef-1234567890ab`, refs: ["alias/orders"] });
    const named = namedResource(modelOf(b), "alias/orders", "kms:Decrypt");
    expect(named).toEqual({ note: `asked by name: alias/orders is an alias in 2 regions (eu-west-1, ${REGION}), and a key policy is weighed only when asked by ARN` });
  });

  it("does not take another account's alias of that name for the account's own", () => {
    const b = newBuilder();
    // A queue of the account encrypted under another account's alias: DescribeKey resolved that alias ARN.
    b.kmsKey({ arn: "arn:aws:kms:us-east-1:999999999999:key/4234abcd-12ab-34cd-56ef-1234567890ab", refs: ["arn:aws:kms:us-east-1:999999999999:alias/orders"], region: REGION });
    expect(namedResource(modelOf(b), "alias/orders", "kms:Decrypt")).toEqual({ note: nameNotWeighed("kms") });
  });

  it("gives the short phrase an answer by name says beside it: the ARN asked, and why that one", () => {
    const { model } = world();
    expect(namedResource(model, "alias/orders", "kms:Decrypt")).toMatchObject({ arn: KEY, askedAs: `asked as ${KEY} (the key alias/orders in ${ACCOUNT} ${REGION} points to)` });
    expect(namedResource(model, "orders", "sqs:SendMessage")).toMatchObject({ askedAs: expect.stringMatching(/^asked as arn:aws:sqs:[^ ]+:orders \(the only queue named orders\)$/) });
    expect(namedResource(model, "nowhere", "sqs:SendMessage")).not.toHaveProperty("askedAs");
  });

  it("says the resource's policy was not weighed for a name that is none, or several, in the snapshot", () => {
    for (const name of ["audit", "nowhere"]) {
      expect(can("sqs:SendMessage", name).reasons, name).toContain(nameNotWeighed("sqs"));
    }
    expect(can("ecr:PutImage", "nowhere").reasons).toContain("asked by name: ecr resource policies are weighed only when asked by ARN");
    expect(can("elasticfilesystem:ClientWrite", "fs-nowhere").reasons).toContain(nameNotWeighed("elasticfilesystem"));
    expect(can("sns:Publish", "nowhere").reasons).toContain(nameNotWeighed("sns"));
  });

  it("leaves ARNs, any resource and names of other services as they are", () => {
    const { model } = world();
    expect(namedResource(model, QUEUE, "sqs:SendMessage")).toBeUndefined();
    expect(namedResource(model, "*", "sqs:SendMessage")).toBeUndefined();
    expect(namedResource(model, "orders", "s3:PutObject")).toBeUndefined();
    expect(can("sqs:SendMessage", QUEUE).reasons.some((r) => r.startsWith("asked by name"))).toBe(false);
  });
});

describe("a KMS alias asked by its ARN", () => {
  it("is asked as the key it points to: that key's policy lets the role in, and the answer cites it", () => {
    const answer = can("kms:Decrypt", aliasArn("shared"));
    expect(answer.decision).toBe("allowed");
    expect(answer.statements.some((s) => s.policyKind === "resource" && s.sid === "EnableIAMPolicies")).toBe(true);
    expect(answer.resource).toBe(aliasArn("shared"));
    expect(answer.askedAs).toBe(`asked as ${SHARED} (the key alias/shared points to)`);
    expect(answer.reasons).toContain(`asked by alias: alias/shared points to ${SHARED} (DescribeKey), and KMS authorises kms:Decrypt through an alias against its key, so it was answered as that ARN`);
    // The key whose policy lets only its administrators in refuses the role, through its alias as by its ARN.
    expect(can("kms:Decrypt", aliasArn("orders")).decision).toBe("implicitly-denied");
  });

  it("carries the alias as kms:RequestAlias, which a role's policy may test; the key's ARN alone does not", () => {
    const { model } = world();
    const via = (resource: string) => ask(model, { principal: "via-alias", action: "kms:Decrypt", resource });
    expect(via(aliasArn("shared")).decision).toBe("allowed");
    expect(via("alias/shared").decision).toBe("allowed");
    expect(via(aliasArn("orders")).decision).toBe("implicitly-denied");
    expect(via(SHARED).unknownKeys).toContain("kms:RequestAlias");
    // The asker's own kms:RequestAlias wins.
    expect(ask(model, { principal: "via-alias", action: "kms:Decrypt", resource: aliasArn("shared"), context: { "kms:RequestAlias": "alias/other" } }).decision).toBe("implicitly-denied");
  });

  it("stays asked as given when the snapshot cannot tell its key, saying why, its key policy's wording unchanged", () => {
    for (const [name, why] of [
      ["nowhere", "the scan resolves only the aliases the account's functions, queues, topics and streams name"],
      ["hidden", "DescribeKey failed: AccessDeniedException"],
    ] as const) {
      const answer = can("kms:Decrypt", aliasArn(name));
      expect(answer.decision, name).toBe("conditional");
      expect(answer.askedAs).toBeUndefined();
      expect(answer.reasons).toContain(`could not read the key policy of ${aliasArn(name)}, which the snapshot does not hold: KMS grants a request only when the key policy allows it, itself or by delegating to IAM policies`);
      expect(answer.reasons).toContain(`asked as given: the snapshot does not tell which key alias/${name} points to (${why}), and KMS authorises kms:Decrypt against that key, not the alias`);
      // Each said once: the key policy's absence by the line above, KMS checking the key and not the alias by this one.
      expect(answer.reasons.filter((r) => /could not read the key policy|policy was not weighed/.test(r)), name).toHaveLength(1);
      expect(answer.reasons.filter((r) => r.startsWith("note: AWS never checks")), name).toEqual([]);
    }
  });

  it("leaves the alias's own actions (CreateAlias, DeleteAlias…), other services' and patterns on the alias ARN", () => {
    const { model } = world();
    for (const action of ["kms:DeleteAlias", "kms:UpdateAlias", "s3:GetObject", "kms:Decrypt*"]) expect(namedResource(model, aliasArn("shared"), action), action).toBeUndefined();
    expect(namedResource(model, `arn:aws:kms:${REGION}:${ACCOUNT}:alias/*`, "kms:Decrypt")).toBeUndefined();
    expect(namedResource(model, SHARED, "kms:Decrypt")).toBeUndefined();
  });
});
