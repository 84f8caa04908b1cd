import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, OTHER_ACCOUNT, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { envKmsPermissionMissing } from "./env-kms-permission-missing";

type B = ReturnType<typeof builder>;

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab";
const OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/99999999-5b6a-4789-8abc-0123456789ab";
const FOREIGN_KEY = `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a`;
const MAY_LACK = "Encrypted environment may lack kms:Decrypt (depends on the key policy)";

function fnWith(role: (b: B) => string, opts: { env?: string[]; key?: string | undefined } = {}) {
  const b = builder();
  const env = "env" in opts ? opts.env : ["DB_HOST", "FEATURE_FLAGS"];
  const key = "key" in opts ? opts.key : KEY;
  b.fn({ region: REGION, name: "billing", runtime: "nodejs22.x", role: role(b), env, kmsKeyArn: key });
  return b;
}

const roleWith = (...statements: ReturnType<typeof allow>[]) => (b: B) =>
  b.role({ name: "billing-role", inline: { app: policy(...statements) } });

const cases: RuleCase[] = [
  { name: "the role may decrypt with the key: fine", build: () => fnWith(roleWith(allow("kms:Decrypt", KEY))), titles: [] },
  { name: "kms:* on every key of the account: fine", build: () => fnWith(roleWith(allow("kms:*", "arn:aws:kms:us-east-1:123456789012:key/*"))), titles: [] },
  {
    name: "no identity policy allows it: may lack (the key policy could), one step softer",
    build: () => fnWith(roleWith(allow("dynamodb:GetItem", "*"))),
    titles: [MAY_LACK],
    severities: ["medium"],
  },
  {
    name: "a grant on another key is no grant on this one",
    build: () => fnWith(roleWith(allow("kms:Decrypt", OTHER_KEY))),
    titles: [MAY_LACK],
  },
  {
    name: "an explicit Deny in the role's policy refuses it whatever the key policy says: lacks, high",
    build: () => fnWith(roleWith(allow("kms:*", "*"), deny("kms:Decrypt", KEY))),
    titles: ["Encrypted environment lacks kms:Decrypt"],
    severities: ["high"],
  },
  {
    name: "a Deny outside the key's region (NotResource) still refuses this key",
    build: () => fnWith(roleWith(allow("kms:Decrypt", "*"), { Effect: "Deny", Action: "kms:Decrypt", NotResource: "arn:aws:kms:eu-west-1:*:key/*" } as ReturnType<typeof allow>)),
    titles: ["Encrypted environment lacks kms:Decrypt"],
  },
  {
    name: "another account's key with no identity grant: lacks (across accounts the role's own policies must allow it too)",
    build: () => fnWith(roleWith(allow("kms:Decrypt", KEY)), { key: FOREIGN_KEY }),
    titles: ["Encrypted environment lacks kms:Decrypt"],
    severities: ["high"],
  },
  {
    name: "another account's key the role's policies allow: may lack, that account's key policy decides",
    build: () => fnWith(roleWith(allow("kms:Decrypt", FOREIGN_KEY)), { key: FOREIGN_KEY }),
    titles: [expect.stringMatching(/^Encrypted environment may lack kms:Decrypt \(depends on /) as unknown as string],
    severities: ["medium"],
  },
  { name: "no variables: nothing to decrypt", build: () => fnWith(roleWith(), { env: undefined }), titles: [] },
  { name: "the AWS managed key (no KMSKeyArn): nothing to check", build: () => fnWith(roleWith(), { key: undefined }), titles: [] },
];

describe("env-kms-permission-missing", () => {
  testRuleCases(envKmsPermissionMissing, cases);

  it("points at the key and the missing action, and its fix grants the key", () => {
    const [finding] = findingsOf(envKmsPermissionMissing, fnWith(roleWith()));
    expect(finding?.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "configuration", highlight: ["KMSKeyArn", KEY] }),
        expect.objectContaining({ kind: "missing-action" }),
      ]),
    );
    expect(finding?.detail).toContain(`kms:Decrypt on ${KEY} may not be allowed (it depends on the key policy).`);
    expect(finding?.remediation).toContain(`"Resource": "${KEY}"`);
  });

  it("is Lambda's request, not the code's: a guard that needs lambda:SourceFunctionArn refuses it", () => {
    const guarded = (b: B) =>
      b.role({
        name: "billing-role",
        inline: {
          app: policy(allow("kms:Decrypt", KEY), deny("*", "*", { condition: { Null: { "lambda:SourceFunctionArn": "true" } } })),
        },
      });
    expect(findingsOf(envKmsPermissionMissing, fnWith(guarded)).map((f) => f.title)).toEqual([
      "Encrypted environment lacks kms:Decrypt",
    ]);
  });

  it("judges a routed-to version published with another key by that key", () => {
    const b = fnWith(roleWith(allow("kms:Decrypt", KEY)));
    const fn = b.functionArn(REGION, "billing");
    b.version(fn, "3", { kmsKeyArn: OTHER_KEY });
    b.alias(fn, "prod", "3");
    expect(findingsOf(envKmsPermissionMissing, b).map((f) => f.title)).toEqual([
      "Encrypted environment of version 3 (alias prod) may lack kms:Decrypt (depends on the key policy)",
    ]);
  });

  describe("with the key read (DescribeKey, GetKeyPolicy, ListGrants)", () => {
    const ROLE = "arn:aws:iam::123456789012:role/billing-role";
    const keyPolicy = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
    const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
    const withKey = (role: (b: B) => string, key: Omit<Parameters<B["kmsKey"]>[0], "arn">) => () => {
      const b = fnWith(role);
      b.kmsKey({ arn: KEY, ...key });
      return b;
    };
    const run = (build: () => B) => outcome(envKmsPermissionMissing, { name: "", build, titles: [] });

    it("a key policy that lets the role in makes it fine without any identity Allow", () => {
      const named = { Sid: "BillingDecrypts", Effect: "Allow", Principal: { AWS: ROLE }, Action: "kms:Decrypt", Resource: "*" };
      expect(run(withKey(roleWith(allow("dynamodb:GetItem", "*")), { policy: keyPolicy(named) })).titles).toEqual([]);
    });

    // lambda-permissions.md §5.2: an identity Allow alone is never enough for a KMS key. Adding it again fixes nothing.
    it("the role's own policy allows it but the key policy refuses: the fix is a key-policy statement naming the role", () => {
      const admin = { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:user/admin" }, Action: "kms:*", Resource: "*" };
      const got = run(withKey(roleWith(allow("kms:Decrypt", KEY)), { policy: keyPolicy(admin) }));
      expect(got.titles).toEqual(["Encrypted environment lacks kms:Decrypt"]);
      const fix = got.findings[0]!.remediation;
      expect(fix).toContain(`Role billing-role's own policies already allow kms:Decrypt on ${KEY}; the key policy of ${KEY} must allow it too.`);
      expect(fix).toContain(`"AWS": "${ROLE}"`);
      expect(fix).toContain('"Resource": "*"');
      expect(fix).not.toContain("put-role-policy");
    });

    it("a key policy that delegates to the account, and no identity Allow: lacks, high, naming the delegating statement", () => {
      const got = run(withKey(roleWith(allow("dynamodb:GetItem", "*")), { policy: keyPolicy(delegate) }));
      expect(got.titles).toEqual(["Encrypted environment lacks kms:Decrypt"]);
      expect(got.severities).toEqual(["high"]);
      expect(got.findings[0]?.evidence).toContainEqual(
        expect.objectContaining({ kind: "resource-statement", source: expect.objectContaining({ policyName: "default", sid: "Enable IAM User Permissions" }) }),
      );
    });

    it("an identity Allow the key policy does not honour: lacks, saying why", () => {
      const admins = { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/admin" }, Action: "kms:*", Resource: "*" };
      const got = run(withKey(roleWith(allow("kms:Decrypt", KEY)), { policy: keyPolicy(admins) }));
      expect(got.titles).toEqual(["Encrypted environment lacks kms:Decrypt"]);
      expect(got.findings[0]?.evidence.find((e) => e.kind === "missing-action")?.description).toContain("never enough for a KMS key");
    });

    it("a grant to the role: fine", () => {
      const grants = [{ GrantId: "0c1d2e3f", GranteePrincipal: ROLE, Operations: ["Decrypt"] }];
      expect(run(withKey(roleWith(), { policy: keyPolicy(delegate), grants })).titles).toEqual([]);
    });

    it("neither the role nor the key policy allows it: the fix grants on both sides", () => {
      const admin = { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:user/admin" }, Action: "kms:*", Resource: "*" };
      const fix = run(withKey(roleWith(allow("dynamodb:GetItem", "*")), { policy: keyPolicy(admin) })).findings[0]!.remediation;
      expect(fix).toContain("aws iam put-role-policy --role-name billing-role");
      expect(fix).toContain(`The key policy of ${KEY} neither names role billing-role nor delegates to the account's IAM policies: it must allow kms:Decrypt on ${KEY} too.`);
      expect(fix).toContain(`"AWS": "${ROLE}"`);
    });

    it("a disabled key fails every cold start whatever the policies say; the evidence shows its state", () => {
      const got = run(withKey(roleWith(allow("kms:Decrypt", KEY)), { state: "Disabled", policy: keyPolicy(delegate) }));
      expect(got.titles).toEqual(["Encrypted environment lacks kms:Decrypt"]);
      expect(got.severities).toEqual(["high"]);
      expect(got.findings[0]?.evidence).toContainEqual(expect.objectContaining({ source: { operation: "DescribeKey" }, highlight: ["KeyState", "Disabled"] }));
      expect(got.findings[0]?.detail).toContain("the state Disabled: KMS refuses every cryptographic operation with it");
      // The role already allows it: the key's state is the fix, not another grant.
      expect(got.findings[0]?.remediation).toBe(`KMS key ${KEY} is Disabled: no policy change helps until it is enabled.\naws kms enable-key --key-id ${KEY} --region us-east-1`);
    });

    it("a key scheduled for deletion: cancel the deletion, then enable it", () => {
      const got = run(withKey(roleWith(allow("kms:Decrypt", KEY)), { state: "PendingDeletion", policy: keyPolicy(delegate) }));
      expect(got.findings[0]?.remediation).toContain(`aws kms cancel-key-deletion --key-id ${KEY} --region us-east-1\naws kms enable-key --key-id ${KEY} --region us-east-1`);
      expect(got.findings[0]?.remediation).not.toContain("put-role-policy");
    });

    it("a key policy the scan could not read: may lack, as without KMS reads", () => {
      expect(run(withKey(roleWith(), { policyError: "AccessDeniedException" })).titles).toEqual([MAY_LACK]);
    });
  });
});
