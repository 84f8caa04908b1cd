/**
 * Answers on a KMS key whose policy and grants the scan read: KMS's rule (lambda-permissions.md §5.2) through the one
 * evaluator, each answer naming the key policy statement or grant that decided it. roleDecision must agree with
 * canRole on every case.
 */
import { describe, expect, it } from "vitest";
import type { KmsKeyOptions } from "@/lib/snapshot/fixtures/builder";
import type { EvaluationResult } from "@/lib/policy/types";
import { canRole, roleDecision } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { buildAccountModel } from "./account-model";
import { parseSnapshot } from "@/lib/snapshot/read";

const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;

const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };
const toRole = { Sid: "AppDecrypts", Effect: "Allow", Principal: { AWS: ROLE }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" };
const keyPolicy = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

type Key = Omit<KmsKeyOptions, "arn"> | "old-snapshot";

/** Asks app-role (whose identity policy allows `identity`) for `action` on the key, both ways, and checks they agree. */
function ask(key: Key, identity: string[] = [], action = "kms:Decrypt", resource = KEY): EvaluationResult {
  const b = newBuilder();
  const role = b.role({
    name: "app-role",
    inline: { app: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:PutLogEvents", ...identity], Resource: "*" }] } as never },
  });
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role, env: ["A"], kmsKeyArn: KEY });
  if (key !== "old-snapshot") b.kmsKey({ arn: KEY, ...key });
  const model = modelOf(b);
  const fn = model.functions[0]!;
  const query = { action, resource, byLambda: true };
  const result = canRole(model, fn.role!, query, fn);
  expect(roleDecision(model, fn.role!, query, fn)).toBe(result.decision);
  return result;
}

const sids = (r: EvaluationResult) => r.statements.map((m) => `${m.source.policyName}:${m.sid ?? m.statementIndex}`);

describe("a request on a KMS key whose policy was read", () => {
  it("is allowed when the key policy names the role, without any identity Allow", () => {
    const r = ask({ policy: keyPolicy(toRole) });
    expect(r.decision).toBe("allowed");
    expect(sids(r)).toEqual(["default:AppDecrypts"]);
  });

  it("is allowed through the account root only with an identity Allow too; evidence names the delegation", () => {
    const allowed = ask({ policy: keyPolicy(delegate) }, ["kms:Decrypt"]);
    expect(allowed.decision).toBe("allowed");
    expect(sids(allowed)).toContain("default:Enable IAM User Permissions");
    const denied = ask({ policy: keyPolicy(delegate) });
    expect(denied.decision).toBe("implicitly-denied");
    expect(sids(denied)).toEqual(["default:Enable IAM User Permissions"]);
    expect(denied.reasons.join(" ")).toContain("an identity Allow is still needed");
  });

  it("is denied when the identity policy allows but the key policy neither names the role nor delegates", () => {
    const other = { Sid: "Admins", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, Action: "kms:*", Resource: "*" };
    const r = ask({ policy: keyPolicy(other) }, ["kms:Decrypt"]);
    expect(r.decision).toBe("implicitly-denied");
    expect(r.reasons.join(" ")).toMatch(/neither allows the caller nor delegates .* an identity Allow alone is never enough/);
  });

  it("is refused by a Deny in the key policy whatever the role, the delegation or a grant allow", () => {
    const no = { Sid: "NoDecrypt", Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" };
    const r = ask({ policy: keyPolicy(delegate, toRole, no), grants: [{ GrantId: "g1", GranteePrincipal: ROLE, Operations: ["Decrypt"] }] }, ["kms:Decrypt"]);
    expect(r.decision).toBe("explicitly-denied");
    expect(sids(r)).toEqual(["default:NoDecrypt"]);
  });

  it("is allowed by a grant to the role for that operation, the evidence naming the grant; other operations are not", () => {
    const key = { policy: keyPolicy(), grants: [{ GrantId: "abc123", GranteePrincipal: ROLE, Operations: ["Decrypt", "DescribeKey"] }] };
    const r = ask(key);
    expect(r.decision).toBe("allowed");
    expect(sids(r)).toEqual(["grants:abc123"]);
    expect(r.statements[0]?.raw).toMatchObject({ GrantId: "abc123", GranteePrincipal: ROLE });
    expect(ask(key, [], "kms:GenerateDataKey").decision).toBe("implicitly-denied");
  });

  it("rests on the encryption context where the grant constrains it", () => {
    const r = ask({
      policy: keyPolicy(),
      grants: [{ GrantId: "ctx", GranteePrincipal: ROLE, Operations: ["Decrypt"], Constraints: { EncryptionContextSubset: { Department: "IT" } } }],
    });
    expect(r.decision).toBe("conditional");
    expect(r.unknownKeys).toEqual(["kms:EncryptionContext:Department"]);
  });

  it("fails on a disabled or deleted key whatever the policies say, for cryptographic operations only", () => {
    for (const state of ["Disabled", "PendingDeletion", "PendingImport"]) {
      const r = ask({ state, policy: keyPolicy(toRole) });
      expect(r.decision, state).toBe("implicitly-denied");
      expect(r.reasons[0]).toContain(`the key's state is ${state}`);
    }
    expect(ask({ state: "Disabled", policy: keyPolicy(toRole) }, [], "kms:DescribeKey").decision).toBe("allowed");
  });

  it("honours an AWS managed key's conditions: the caller's account is known, the service it comes through is not", () => {
    const managed = {
      Sid: "Allow access through SQS",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `sqs.${REGION}.amazonaws.com` } },
    };
    const r = ask({ manager: "AWS", policy: keyPolicy(managed) });
    expect(r.decision).toBe("conditional");
    expect(r.unknownKeys).toEqual(["kms:ViaService"]);
    const otherAccount = { ...managed, Condition: { StringEquals: { "kms:CallerAccount": "999999999999" } } };
    expect(ask({ manager: "AWS", policy: keyPolicy(otherAccount) }).decision).toBe("implicitly-denied");
  });
});

describe("a request on a KMS key whose policy is unknown", () => {
  it("in a snapshot without KMS reads, depends on the key policy exactly as before", () => {
    const r = ask("old-snapshot");
    expect(r.decision).toBe("conditional");
    expect(r.unread).toBe("may-allow");
    expect(r.unreadKeyPolicy).toBe(true);
    expect(r.reasons.join(" ")).toContain("which the snapshot does not hold");
    expect(ask("old-snapshot", ["kms:Decrypt"]).unread).toBe("may-deny");
  });

  it("depends on it where GetKeyPolicy was denied, saying so; a grant to the role still lets it in", () => {
    const r = ask({ policyError: "AccessDeniedException" });
    expect(r.decision).toBe("conditional");
    expect(r.unreadKeyPolicy).toBe(true);
    expect(r.reasons.join(" ")).toContain("GetKeyPolicy failed: AccessDeniedException");
    const granted = ask({ policyError: "AccessDeniedException", grants: [{ GrantId: "g", GranteePrincipal: ROLE, Operations: ["Decrypt"] }] });
    expect(granted.unread).toBe("may-deny");
  });

  it("depends on it where it is malformed, the rest analysed", () => {
    const r = ask({ policy: "{not json" }, ["kms:Decrypt"]);
    expect(r.decision).toBe("conditional");
    expect(r.reasons.join(" ")).toContain("which is malformed");
  });

  it("depends on the grants when only they could grant it, and not when the key policy already does", () => {
    const r = ask({ policy: keyPolicy(delegate), grantsError: "AccessDeniedException" });
    expect(r.decision).toBe("conditional");
    expect(r.unreadDocuments).toEqual(["the key's grants"]);
    expect(ask({ policy: keyPolicy(toRole), grantsError: "AccessDeniedException" }).decision).toBe("allowed");
  });

  it("depends on the grants not listed where a later page of them failed; a grant on the pages read still lets the role in", () => {
    const other = { GrantId: "g-other", GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/other`, Operations: ["Decrypt"] };
    const partial = ask({ policy: keyPolicy(delegate), grants: [other], grantsError: "ThrottlingException" });
    expect(partial.decision).toBe("conditional");
    expect(partial.unreadDocuments).toEqual(["the key's grants past those listed"]);
    expect(partial.reasons.join(" ")).toContain(`the grants of ${KEY} past those listed (ListGrants failed: ThrottlingException)`);
    const mine = { GrantId: "g-app", GranteePrincipal: ROLE, Operations: ["Decrypt"] };
    const granted = ask({ policy: keyPolicy(delegate), grants: [other, mine], grantsError: "ThrottlingException" });
    expect(granted.decision).toBe("allowed");
    expect(sids(granted)).toContain("grants:g-app");
  });

  it("depends on the grants not listed where the snapshot says more pages follow (KMS's Truncated, another tool's file)", () => {
    const b = newBuilder();
    b.kmsKey({ arn: KEY, policy: keyPolicy(delegate), grants: [{ GrantId: "g-other", GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/other`, Operations: ["Decrypt"] }] });
    const snapshot = b.build();
    Object.assign(snapshot.regions![REGION]!.ListGrants![KEY]!, { Truncated: true, NextMarker: "page-2" });
    const key = buildAccountModel(parseSnapshot(snapshot)).kms.keys.get(KEY);
    expect(key?.grants?.statements).toHaveLength(1);
    expect(key?.grantsUnread).toBe(`the grants of ${KEY} past those listed (the snapshot holds the first pages only)`);
    expect(key?.grantsUnreadLabel).toBe("the key's grants past those listed");
  });
});

describe("KMS reads in a snapshot", () => {
  it("count as read when every KMS call failed; an answer for a reference outranks a failed call for the same one", async () => {
    const { parseSnapshotValue } = await import("@/lib/snapshot/read");
    const { buildAccountModel } = await import("./account-model");
    const modelWith = (region: object, errors: object[]) =>
      buildAccountModel(
        parseSnapshotValue({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-11-28T10:00:00Z", account: ACCOUNT, regions: { [REGION]: region }, errors }, "test"),
      );
    // Only a failure: the key's policy is unknown because its read failed, not because the scan never reads KMS.
    const failedOnly = modelWith({}, [{ region: REGION, operation: "GetKeyPolicy", target: KEY, code: "AccessDeniedException", message: "denied" }]);
    expect(failedOnly.kms.read).toBe(true);
    expect(failedOnly.kms.keys.get(KEY)?.policyUnread).toBe(`the key policy of ${KEY} (GetKeyPolicy failed: AccessDeniedException)`);
    // The alias asked by name was answered, and by ARN throttled: it resolves.
    const both = modelWith({ DescribeKey: { "alias/x": { KeyMetadata: { Arn: KEY } } } }, [
      { region: REGION, operation: "DescribeKey", target: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/x`, code: "ThrottlingException", message: "slow down" },
    ]);
    expect(both.kms.resolved.get(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/x`)).toMatchObject({ arn: KEY });
  });

  it("are read leniently: missing fields are no error, a malformed key policy or grant is reported and only that key is unknown", async () => {
    const { parseSnapshotValue } = await import("@/lib/snapshot/read");
    const { buildAccountModel } = await import("./account-model");
    const other = `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-5b6a-4789-8abc-0123456789ab`;
    const snapshot = parseSnapshotValue(
      {
        format: "lambda-permissions-graph/snapshot@1",
        capturedAt: "2026-11-28T10:00:00Z",
        account: ACCOUNT,
        regions: {
          [REGION]: {
            DescribeKey: { "alias/x": { KeyMetadata: { Arn: KEY } }, "alias/empty": {} },
            GetKeyPolicy: { [KEY]: { Policy: "{\"Statement\": 7" }, [other]: { Policy: JSON.stringify(keyPolicy(delegate)) } },
            ListGrants: { [KEY]: {}, [other]: { Grants: [{ GrantId: "bad", Operations: "Decrypt" }, 3] } },
          },
        },
      },
      "test",
    );
    const model = buildAccountModel(snapshot);
    expect(model.kms.read).toBe(true);
    expect(model.kms.resolved.get(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/x`)).toMatchObject({ arn: KEY });
    expect(model.kms.keys.get(KEY)?.policyUnread).toContain("malformed");
    expect(model.problems).toContainEqual(expect.objectContaining({ where: `key policy of ${KEY}` }));
    expect(model.kms.keys.get(other)?.policy?.statements).toHaveLength(1);
    expect(model.kms.keys.get(other)?.grantsUnread).toBe(`grant bad of ${other}, which is malformed`);
    // The other grants were read: an answer depends on this one only.
    expect(model.kms.keys.get(other)?.grantsUnreadLabel).toBe("one of the key's grants");
  });
});
