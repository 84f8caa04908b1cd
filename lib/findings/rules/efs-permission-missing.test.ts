import { describe, expect, it } from "vitest";
import { allow, deny, policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, allFindingsOf, builder, findingsOf, oneFunction, REGION, testRuleCases, type RuleCase } from "../test-support";
import { efsPermissionMissing } from "./efs-permission-missing";

type B = ReturnType<typeof builder>;
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };
const AP = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:access-point/fsap-0123456789abcdef0`;
const FS = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0a1b2c3d`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/files-role`;
const MOUNT = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];

/** A file system policy's statement naming `principal` (the policy's own Principal, not the builder's identity form). */
function fsStatement(effect: "Allow" | "Deny", principal: unknown, actions: string | string[], condition?: Record<string, Record<string, string>>): IamStatement {
  return { Sid: effect === "Allow" ? "Clients" : "NoClients", Effect: effect, Principal: principal, Action: actions, Resource: FS, ...(condition ? { Condition: condition } : {}) } as IamStatement;
}

/**
 * One VPC function mounting AP, its role given `identity` statements, the file system's policy `fsPolicy` (null: none,
 * undefined: not read).
 */
function mounting(identity: IamStatement[], fsPolicy: IamStatement[] | null | undefined, edit?: (b: B) => void): () => B {
  return () => {
    const b = builder();
    const role = b.role({ name: "files-role", inline: identity.length ? { efs: policy(...identity) } : {} });
    b.efsAccessPoint(AP, { fileSystemId: "fs-0a1b2c3d", policy: fsPolicy === null ? null : fsPolicy === undefined ? undefined : policy(...fsPolicy) });
    b.fn({ region: REGION, name: "files", runtime: "python3.13", role, vpc: VPC, fileSystems: [AP] });
    edit?.(b);
    return b;
  };
}

const ROLE_ONLY = [fsStatement("Allow", { AWS: ROLE }, "elasticfilesystem:ClientRootAccess")];

const cases: RuleCase[] = [
  { name: "no file system policy: EFS's default lets every mount-target client in, whatever the role says", build: mounting([], null), titles: [] },
  { name: "the file system policy lets the role mount and write", build: mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT)]), titles: [] },
  {
    name: "the file system policy lets everyone in through a mount target (AccessedViaMountTarget)",
    build: mounting([], [fsStatement("Allow", { AWS: "*" }, MOUNT, { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } })]),
    titles: [],
  },
  {
    name: "the file system policy scopes the role to this access point",
    build: mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, { StringEquals: { "elasticfilesystem:AccessPointArn": AP } })]),
    titles: [],
  },
  {
    name: "a policy that names another access point does not let this one in",
    build: mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, { StringEquals: { "elasticfilesystem:AccessPointArn": `${AP.slice(0, -1)}1` } })]),
    titles: ["EFS mount lacks elasticfilesystem:ClientMount; may lack elasticfilesystem:ClientWrite (if the function writes)"],
    severities: ["high"],
  },
  { name: "identity policy allows both (same account: either side may allow)", build: mounting([allow(MOUNT, FS)], ROLE_ONLY), titles: [] },
  {
    name: "neither side allows: the role cannot mount",
    build: mounting([], ROLE_ONLY),
    titles: ["EFS mount lacks elasticfilesystem:ClientMount; may lack elasticfilesystem:ClientWrite (if the function writes)"],
    severities: ["high"],
  },
  {
    name: "mount allowed, write not: a read-only mount, one step softer",
    build: mounting([allow("elasticfilesystem:ClientMount", FS)], ROLE_ONLY),
    titles: ["EFS mount may lack elasticfilesystem:ClientWrite (if the function writes)"],
    severities: ["medium"],
  },
  {
    name: "a Deny in the file system policy wins over the role's Allow",
    build: mounting([allow(MOUNT, "*")], [fsStatement("Deny", { AWS: "*" }, MOUNT, { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } })]),
    titles: ["EFS mount lacks elasticfilesystem:ClientMount; may lack elasticfilesystem:ClientWrite (if the function writes)"],
  },
  {
    name: "a Deny in the role's own policy wins over the file system policy's Allow",
    build: mounting([deny("elasticfilesystem:*", "*")], [fsStatement("Allow", { AWS: ROLE }, MOUNT)]),
    titles: ["EFS mount lacks elasticfilesystem:ClientMount; may lack elasticfilesystem:ClientWrite (if the function writes)"],
  },
  {
    name: "Lambda mounts over TLS: the usual Deny of clients without it does not refuse the role",
    build: mounting([], [
      fsStatement("Allow", { AWS: ROLE }, MOUNT),
      { ...fsStatement("Deny", { AWS: "*" }, "*", { Bool: { "aws:SecureTransport": "false" } }), Sid: "DenyUnencryptedTransport" },
    ]),
    titles: [],
  },
  {
    name: "an Allow that asks for TLS lets Lambda's mount in",
    build: mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, { Bool: { "aws:SecureTransport": "true" } })]),
    titles: [],
  },
  {
    name: "an Allow under a key EFS's request does not settle (the caller's organisation) is conditional",
    build: mounting([], [fsStatement("Allow", { AWS: "*" }, MOUNT, { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })]),
    titles: ["EFS mount may lack elasticfilesystem:ClientMount, ClientWrite (depends on aws:PrincipalOrgID; if the function writes)"],
  },
  {
    name: "a function that mounts nothing needs nothing",
    build: () => oneFunction("plain", { runtime: "python3.13", vpc: VPC }).b,
    titles: [],
  },
];

describe("efs-permission-missing", () => {
  testRuleCases(efsPermissionMissing, cases);

  it("cites the mount, the access point and the deciding statement, and fixes it with a role policy the round trip accepts", () => {
    const [f] = findingsOf(efsPermissionMissing, mounting([], ROLE_ONLY)());
    expect(f!.evidence.map((e) => e.kind)).toEqual(["configuration", "configuration", "missing-action", "missing-action"]);
    expect(f!.evidence[0]!.document).toEqual({ FileSystemConfigs: [{ Arn: AP, LocalMountPath: "/mnt/fsap-0123456789abcdef0" }] });
    expect(f!.evidence[1]!.document).toMatchObject({ AccessPointArn: AP, FileSystemId: "fs-0a1b2c3d" });
    expect(f!.remediation).toContain("aws iam put-role-policy --role-name files-role");
    expect(f!.remediation).toContain(`"Resource": "${FS}"`);
  });

  it("cites the file system policy's Deny and asks to narrow it, with no role grant that would change nothing", () => {
    const b = mounting([allow(MOUNT, "*")], [fsStatement("Deny", { AWS: "*" }, MOUNT, { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } })])();
    const [f] = findingsOf(efsPermissionMissing, b);
    const denying = f!.evidence.find((e) => e.kind === "resource-statement");
    expect(denying?.source).toMatchObject({ resourceArn: FS, sid: "NoClients" });
    expect(denying?.description).toContain(`file system policy of ${FS}`);
    expect(f!.remediation).toContain("An explicit Deny (see evidence) wins over any Allow");
    expect(f!.remediation).not.toContain("put-role-policy");
  });

  it("judges a routed-to version by the mount and role it was published with", () => {
    const b = mounting([allow(MOUNT, FS)], ROLE_ONLY)();
    const fn = b.functionArn(REGION, "files");
    const old = b.role({ name: "old-role" });
    b.version(fn, "3", { role: old });
    b.alias(fn, "live", "3");
    const findings = findingsOf(efsPermissionMissing, b);
    expect(findings.map((f) => f.title)).toEqual([
      "EFS mount of version 3 (alias live) lacks elasticfilesystem:ClientMount; may lack 1 more",
    ]);
  });
});

describe("efs-permission-missing on data it could not see", () => {
  it.each([
    ["DescribeFileSystemPolicy", FS],
    ["DescribeAccessPoints", AP],
  ])("a failed %s is unknown: no verdict, and data-unavailable names the rule", (operation, target) => {
    const b = mounting([], ROLE_ONLY)();
    b.error({ operation, target, code: "AccessDeniedException", message: "denied" });
    const { model, findings } = allFindingsOf(b, (s) => {
      const region = s.regions![REGION] as Record<string, Record<string, unknown>>;
      delete region[operation]![target];
    });
    expect(findings.filter((f) => f.rule === "efs-permission-missing")).toEqual([]);
    const gap = findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.detail).toContain("efs-permission-missing");
    expect(gap?.evidence.some((e) => e.kind === "api-error" && e.description.includes(`${operation} failed for ${REGION} ${target}`))).toBe(true);
    expect(model.functions[0]!.unknownOps.has(operation)).toBe(true);
  });

  it("a malformed file system policy is unknown, never 'no policy'", () => {
    const b = builder();
    const role = b.role({ name: "files-role" });
    b.efsAccessPoint(AP, { fileSystemId: "fs-0a1b2c3d", policy: "{not json" });
    b.fn({ region: REGION, name: "files", runtime: "python3.13", role, vpc: VPC, fileSystems: [AP] });
    const { model, findings } = allFindingsOf(b);
    expect(findings.filter((f) => f.rule === "efs-permission-missing")).toEqual([]);
    expect(findings.find((f) => f.rule === "data-unavailable")?.detail).toContain("efs-permission-missing");
    expect(model.problems.some((p) => p.where === `file system policy of ${FS}`)).toBe(true);
  });

  it("a snapshot with no EFS reads at all (an older scan) says once that mounts were not judged", () => {
    const { model, findings } = allFindingsOf(mounting([], undefined)(), (s) => {
      delete (s.regions![REGION] as Record<string, unknown>).DescribeAccessPoints;
    });
    expect(findings.filter((f) => f.rule === "efs-permission-missing")).toEqual([]);
    expect(model.problems.filter((p) => p.where === "EFS file systems")).toHaveLength(1);
  });
});
