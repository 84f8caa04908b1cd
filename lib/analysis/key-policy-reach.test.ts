/**
 * A KMS key policy that lists a role by its ARN (a key user), or a grant whose grantee is the role, lets the role use
 * the key with no statement of its own: the reach list shows it, citing that key policy statement or grant. A `*` statement (AWS's "through this service, for every
 * principal of the account") and the account root's delegation add nothing here: the first would put the key on every
 * role's list, the second is the identity policies' to grant.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { auditLists } from "./evidence-audit";
import { reachesOf } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { parseSnapshot } from "@/lib/snapshot/read";

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

function keyBuilder(statements: object[], own: object[] = [], grants?: Record<string, unknown>[]) {
  const b = newBuilder();
  const role = b.role({ name: "app-role", inline: { app: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }, ...own] } as never } });
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role, env: ["A"], kmsKeyArn: KEY });
  b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: statements }, ...(grants ? { grants } : {}) });
  return b;
}

function keyReach(statements: object[], own: object[] = [], grants?: Record<string, unknown>[]) {
  const model = modelOf(keyBuilder(statements, own, grants));
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

describe("reach through a grant of the key (ListGrants) to the role", () => {
  const GRANT = "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60";
  const grant = (extra: Record<string, unknown> = {}) => ({ GrantId: GRANT, GranteePrincipal: ROLE, Operations: ["Decrypt", "GenerateDataKey"], ...extra });

  it("lists the grant's operations on the key, citing the grant", () => {
    expect(keyReach([delegate], [], [grant()])).toEqual([
      {
        service: "kms",
        resource: KEY,
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        patterns: ["kms:Decrypt", "kms:GenerateDataKey"],
        accessLevels: ["Write"],
        conditional: false,
        via: [`grants of ${KEY}#${GRANT}`],
      },
    ]);
  });

  it("is conditional under encryption-context constraints, and absent for another grantee or under the role's Deny", () => {
    const constrained = keyReach([delegate], [], [grant({ Constraints: { EncryptionContextSubset: { tenant: "acme" } } })]);
    expect(constrained.map((r) => [r.actions, r.conditional])).toEqual([[["kms:Decrypt", "kms:GenerateDataKey"], true]]);
    expect(keyReach([delegate], [], [grant({ GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/other` })])).toEqual([]);
    const denied = keyReach([delegate], [{ Effect: "Deny", Action: "kms:Decrypt", Resource: "*" }], [grant()]);
    expect(denied.map((r) => r.actions)).toEqual([["kms:GenerateDataKey"]]);
  });

  it("is cited as a grant ListGrants holds: the audit finds it, and names a grant id the key lacks", () => {
    const snapshot = keyBuilder([delegate], [], [grant()]).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    expect(auditLists(snapshot, report).problems).toEqual([]);
    const kms = report.functions[0]!.reaches.find((r) => r.service === "kms")!;
    kms.via = [`grants of ${KEY}#not-a-grant`];
    expect(auditLists(snapshot, report).problems).toEqual([`app → ${KEY}: no grant not-a-grant of ${KEY}`]);
  });
});
