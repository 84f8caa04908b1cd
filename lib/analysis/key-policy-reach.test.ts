/**
 * A KMS key policy that lists a role by its ARN (a key user) lets the role use the key with no statement of its own:
 * the reach list shows it, citing that key policy statement. A `*` statement (AWS's "through this service, for every
 * principal of the account") and the account root's delegation add nothing here: the first would put the key on every
 * role's list, the second is the identity policies' to grant.
 */
import { describe, expect, it } from "vitest";
import { reachesOf } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
const viaKinesis = {
  Sid: "ThroughKinesis",
  Effect: "Allow",
  Principal: { AWS: "*" },
  Action: ["kms:Encrypt", "kms:Decrypt"],
  Resource: "*",
  Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `kinesis.${REGION}.amazonaws.com` } },
};
const toRole = { Sid: "AppDecrypts", Effect: "Allow", Principal: { AWS: ROLE }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" };

function keyReach(statements: object[], own: object[] = []) {
  const b = newBuilder();
  const role = b.role({ name: "app-role", inline: { app: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }, ...own] } as never } });
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role, env: ["A"], kmsKeyArn: KEY });
  b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: statements } });
  const model = modelOf(b);
  return reachesOf(model, model.roles.get(ROLE)!).filter((r) => r.service === "kms");
}

describe("reach through a key policy that names the role", () => {
  it("lists the key's actions the statement grants, citing it", () => {
    expect(keyReach([delegate, viaKinesis, toRole])).toEqual([
      {
        service: "kms",
        resource: KEY,
        actions: ["kms:Decrypt", "kms:DescribeKey"],
        patterns: ["kms:Decrypt", "kms:DescribeKey"],
        accessLevels: ["Write", "Read"],
        conditional: false,
        via: [`key policy of ${KEY}#AppDecrypts`],
      },
    ]);
  });

  it("adds nothing for a `*` statement or the account root's delegation alone", () => {
    expect(keyReach([delegate, viaKinesis])).toEqual([]);
  });

  it("leaves out what the role's own Deny refuses", () => {
    const reach = keyReach([delegate, toRole], [{ Effect: "Deny", Action: "kms:Decrypt", Resource: "*" }]);
    expect(reach.map((r) => r.actions)).toEqual([["kms:DescribeKey"]]);
  });
});
