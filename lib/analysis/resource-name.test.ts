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
    for (const name of ["1234abcd-12ab-34cd-56ef-1234567890ab", "alias/orders"]) {
      const answer = can("kms:Decrypt", name);
      expect(answer.decision, name).toBe("implicitly-denied");
      expect(answer.reasons).toContain(`asked by name: ${name} is ${KEY}, the only key of that name in the snapshot, and was answered as that ARN`);
    }
  });

  it("gives the short phrase an answer by name says beside it: the ARN asked, and why that one", () => {
    const { model } = world();
    expect(namedResource(model, "alias/orders", "kms:Decrypt")).toMatchObject({ arn: KEY, askedAs: `asked as ${KEY} (the only key named alias/orders)` });
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
