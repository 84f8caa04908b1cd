/**
 * EFS file system policies in the reach list (reaches.ts addMountReach, file-systems.ts roleMounts): a file system the
 * role's functions mount is asked as Lambda mounts it (through the access point), so the reach list,
 * efs-permission-missing and `can` asked with the mount's context give one answer, under a permissions boundary too;
 * each grant cites the policy statement it rests on, a Deny there is named where it refuses part of a wider reach, and
 * a policy the snapshot could not read leaves the mount open, not absent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allow, policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot, parseSnapshotValue } from "@/lib/snapshot/read";
import { buildAccountModel } from "./account-model";
import { analyzeSnapshot } from "./analyze";
import { auditLists } from "./evidence-audit";
import { reachesOf } from "./reaches";
import { mountContext, roleMounts } from "./file-systems";
import { canRole } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import type { Reach } from "./types";
import { ask } from "./what-if";

const AP = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:access-point/fsap-0123456789abcdef0`;
const OTHER_AP = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:access-point/fsap-0123456789abcdef1`;
const FS = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0a1b2c3d`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/files-role`;
const DBA = `arn:aws:iam::${ACCOUNT}:role/dba`;
const MOUNT = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };

function fsStatement(effect: "Allow" | "Deny", principal: unknown, actions: string | string[], condition?: Record<string, Record<string, string>>): IamStatement {
  return { Sid: effect === "Allow" ? "Clients" : "NoClients", Effect: effect, Principal: principal, Action: actions, Resource: FS, ...(condition ? { Condition: condition } : {}) } as IamStatement;
}

const THROUGH_AP = { StringEquals: { "elasticfilesystem:AccessPointArn": AP } };

/**
 * A VPC function mounting AP as files-role (`identity` its statements), a dba role that mounts nothing, and the file
 * system's policy: statements, raw text, or undefined for a read that failed.
 */
function mounting(identity: IamStatement[], fsPolicy: IamStatement[] | string | undefined, boundary?: IamStatement[]) {
  const b = newBuilder();
  const boundaryArn = boundary && b.managedPolicy({ name: "files-boundary", document: policy(...boundary) });
  const role = b.role({ name: "files-role", inline: { logs: policy(allow("logs:PutLogEvents", "*"), ...identity) }, boundary: boundaryArn });
  b.role({ name: "dba", inline: { logs: policy(allow("logs:PutLogEvents", "*")) } });
  b.efsAccessPoint(AP, { fileSystemId: "fs-0a1b2c3d", policy: typeof fsPolicy === "string" ? fsPolicy : fsPolicy && policy(...fsPolicy) });
  if (fsPolicy === undefined) b.error({ operation: "DescribeFileSystemPolicy", target: FS, code: "AccessDeniedException", message: "not authorized" });
  b.fn({ region: REGION, name: "files", runtime: "python3.13", role, vpc: VPC, fileSystems: [AP] });
  return b;
}

function efsReaches(b: ReturnType<typeof newBuilder>, roleArn = ROLE) {
  const model = modelOf(b);
  return reachesOf(model, model.roles.get(roleArn)!).filter((r) => r.service === "elasticfilesystem");
}

function reportOf(b: ReturnType<typeof newBuilder>) {
  const snapshot = b.build();
  const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
  return { snapshot, report, efsFindings: report.findings.filter((f) => f.rule === "efs-permission-missing") };
}

describe("a mounted file system whose policy lets the role in", () => {
  it("is listed through the access point the function mounts, unconditional, citing the statement", () => {
    const b = mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, THROUGH_AP)]);
    expect(efsReaches(b)).toEqual([
      {
        service: "elasticfilesystem",
        resource: FS,
        actions: MOUNT,
        patterns: MOUNT,
        accessLevels: ["Write", "Read"],
        conditional: false,
        via: [`file system policy of ${FS}#Clients`],
      },
    ]);
    const { snapshot, report, efsFindings } = reportOf(b);
    expect(efsFindings).toEqual([]);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });

  it("is unconditional when one access point the role's functions mount lets it in for certain, whatever another's Deny", () => {
    // Two functions of one role mount the file system through two access points, both allowed; a Deny the snapshot
    // cannot judge (the caller's address) guards the first only. Through the second the role mounts it for certain.
    const b = newBuilder();
    const role = b.role({ name: "files-role", inline: { logs: policy(allow("logs:PutLogEvents", "*")) } });
    const bothAps = { StringEquals: { "elasticfilesystem:AccessPointArn": [AP, OTHER_AP] } } as unknown as Record<string, Record<string, string>>;
    const offSite = { StringEquals: { "elasticfilesystem:AccessPointArn": AP }, NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
    const fsPolicy = policy(fsStatement("Allow", { AWS: ROLE }, MOUNT, bothAps), fsStatement("Deny", { AWS: ROLE }, MOUNT, offSite));
    b.efsAccessPoint(AP, { fileSystemId: "fs-0a1b2c3d", policy: fsPolicy });
    b.efsAccessPoint(OTHER_AP, { fileSystemId: "fs-0a1b2c3d", policy: fsPolicy });
    b.fn({ region: REGION, name: "a-files", runtime: "python3.13", role, vpc: VPC, fileSystems: [AP] });
    b.fn({ region: REGION, name: "b-files", runtime: "python3.13", role, vpc: VPC, fileSystems: [OTHER_AP] });
    expect(efsReaches(b)).toEqual([expect.objectContaining({ resource: FS, actions: MOUNT, conditional: false, via: [`file system policy of ${FS}#Clients`] })]);
  });

  it("counts a statement for every client over a mount target as the mounting role's, and no other role's", () => {
    const b = mounting([], [fsStatement("Allow", { AWS: "*" }, MOUNT, { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } })]);
    expect(efsReaches(b).map((r) => [r.actions, r.conditional, r.via])).toEqual([[MOUNT, false, [`file system policy of ${FS}#Clients`]]]);
    expect(efsReaches(b, DBA)).toEqual([]);
  });

  it("lists nothing where the policy lets in another access point only, as the finding says", () => {
    const b = mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, { StringEquals: { "elasticfilesystem:AccessPointArn": OTHER_AP } })]);
    expect(efsReaches(b)).toEqual([]);
    expect(reportOf(b).efsFindings.map((f) => f.title)).toEqual(["EFS mount lacks elasticfilesystem:ClientMount; may lack elasticfilesystem:ClientWrite (if the function writes)"]);
  });

  it("cites the file system policy beside the role's own statement for what each grants", () => {
    const b = mounting([allow(MOUNT, FS, { sid: "OwnMount" })], [fsStatement("Allow", { AWS: ROLE }, "elasticfilesystem:ClientRootAccess", THROUGH_AP)]);
    const [reach] = efsReaches(b);
    expect(reach?.actions).toEqual(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientRootAccess", "elasticfilesystem:ClientWrite"]);
    expect(reach?.via).toEqual(["logs#OwnMount", `file system policy of ${FS}#Clients`]);
    const { snapshot, report } = reportOf(b);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });

  it("lists a role the policy names that mounts nothing, open on the access point it would mount through", () => {
    const b = mounting([], [fsStatement("Allow", { AWS: DBA }, MOUNT, THROUGH_AP)]);
    const [reach] = efsReaches(b, DBA);
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: true, via: [`file system policy of ${FS}#Clients`] });
    expect(reach?.conditionKeys?.map((k) => k.toLowerCase())).toEqual(["elasticfilesystem:accesspointarn"]);
  });
});

describe("a Deny of the file system policy", () => {
  it("is named among what refuses part of the role's wider reach", () => {
    const b = mounting([allow("elasticfilesystem:Client*", "*", { sid: "AnyFileSystem" })], [fsStatement("Deny", { AWS: ROLE }, "elasticfilesystem:ClientRootAccess")]);
    const [reach] = efsReaches(b);
    expect(reach).toMatchObject({ resource: "*", partiallyDenied: true, deniedBy: [`file system policy of ${FS}#NoClients`] });
    const { snapshot, report } = reportOf(b);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });
});

describe("a mounted file system whose policy the snapshot could not read", () => {
  const open = {
    service: "elasticfilesystem",
    resource: FS,
    actions: MOUNT,
    patterns: MOUNT,
    accessLevels: ["Write", "Read"],
    conditional: true,
    unreadPolicies: ["the file system policy"],
    via: [`file system policy of ${FS} (unread)`],
  };

  it("leaves the mount open on a malformed policy, naming it", () => {
    const b = mounting([], "{not json");
    expect(efsReaches(b)).toEqual([open]);
    const { snapshot, report } = reportOf(b);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });

  it("leaves the mount open where the read failed, and an identity grant on the file system too", () => {
    expect(efsReaches(mounting([], undefined))).toEqual([open]);
    const model = modelOf(mounting([allow(MOUNT, FS)], undefined));
    const answer = canRole(model, model.roles.get(ROLE)!, { action: "elasticfilesystem:ClientMount", resource: FS });
    expect(answer.decision).toBe("conditional");
    expect(answer.reasons.at(-1)).toBe(`could not read the file system policy of ${FS} (DescribeFileSystemPolicy failed: AccessDeniedException): a Deny there would refuse it`);
  });

  it("is no Allow the audit accepts once the snapshot holds the policy", () => {
    const b = mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, THROUGH_AP)]);
    const { snapshot, report } = reportOf(b);
    report.functions[0]!.reaches.find((r) => r.service === "elasticfilesystem")!.via = [`file system policy of ${FS} (unread)`];
    expect(auditLists(snapshot, report).problems).toEqual([`files → ${FS}: the file system policy of ${FS} is read, not unread`]);
  });
});

describe("a file system the role's functions mount through several access points", () => {
  const sourceIp = { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } };

  /** Two functions of files-role, mounting AP and OTHER_AP of one file system whose policy is `statements`. */
  function twoWays(statements: IamStatement[], identity: IamStatement[] = []) {
    const b = newBuilder();
    const role = b.role({ name: "files-role", inline: { logs: policy(allow("logs:PutLogEvents", "*"), ...identity) } });
    const fsPolicy = policy(...statements);
    b.efsAccessPoint(AP, { fileSystemId: "fs-0a1b2c3d", policy: fsPolicy });
    b.efsAccessPoint(OTHER_AP, { fileSystemId: "fs-0a1b2c3d", policy: fsPolicy });
    b.fn({ region: REGION, name: "a-files", runtime: "python3.13", role, vpc: VPC, fileSystems: [AP] });
    b.fn({ region: REGION, name: "b-files", runtime: "python3.13", role, vpc: VPC, fileSystems: [OTHER_AP] });
    return b;
  }

  const named = (sid: string, st: IamStatement) => ({ ...st, Sid: sid }) as IamStatement;

  it("mounts it for certain when one way is certain and another conditional, the certain way cited first", () => {
    // Through AP only from some addresses (a key the snapshot cannot judge), through OTHER_AP always.
    const onSite = named("OnSite", fsStatement("Allow", { AWS: ROLE }, MOUNT, { StringEquals: { "elasticfilesystem:AccessPointArn": AP }, ...sourceIp }));
    const always = named("Always", fsStatement("Allow", { AWS: ROLE }, MOUNT, { StringEquals: { "elasticfilesystem:AccessPointArn": OTHER_AP } }));
    const [reach] = efsReaches(twoWays([onSite, always]));
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: false, via: [`file system policy of ${FS}#Always`, `file system policy of ${FS}#OnSite`] });
    // The conditional way stays listed with the key that decides it.
    expect(reach?.conditionalWays).toEqual([{ via: `file system policy of ${FS}#OnSite`, conditionKeys: ["aws:SourceIp"] }]);
    expect(reach?.conditionKeys).toBeUndefined();
  });

  it("lets the role write through the access point a Deny leaves it, naming the Deny that refuses the other", () => {
    const noWriteViaAp = fsStatement("Deny", { AWS: ROLE }, "elasticfilesystem:ClientWrite", THROUGH_AP);
    const [reach] = efsReaches(twoWays([noWriteViaAp], [allow(MOUNT, FS, { sid: "OwnMount" })]));
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: false, via: ["logs#OwnMount"], partiallyDenied: true, deniedBy: [`file system policy of ${FS}#NoClients`] });
  });
});

describe("a mounted file system's reach, asked as Lambda mounts it", () => {
  it("names as conditional keys only those the mount does not settle", () => {
    const onSite = { StringEquals: { "elasticfilesystem:AccessPointArn": AP }, NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } as unknown as Record<string, Record<string, string>>;
    const [reach] = efsReaches(mounting([], [fsStatement("Allow", { AWS: ROLE }, MOUNT, onSite)]));
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: true, conditionKeys: ["aws:SourceIp"] });
  });

  it("counts the role's own grant on the file system as certain where the policy refuses only what the mount never is", () => {
    // EFS's usual "no clients without TLS" Deny: Lambda mounts with TLS (mountContext), so it never refuses the mount.
    const noTls = { Sid: "NoTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: FS, Condition: { Bool: { "aws:SecureTransport": "false" } } } as IamStatement;
    const [reach] = efsReaches(mounting([allow(MOUNT, FS, { sid: "OwnMount" })], [noTls]));
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: false, via: ["logs#OwnMount"] });
  });

  it("reads the role's own statement for the access point as certain for the function mounting it, and another's as nothing", () => {
    const noTls = { Sid: "NoTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: FS, Condition: { Bool: { "aws:SecureTransport": "false" } } } as IamStatement;
    const viaAp = allow(MOUNT, FS, { sid: "ViaAp", condition: { StringEquals: { "elasticfilesystem:AccessPointArn": AP } } });
    const viaOther = allow("elasticfilesystem:ClientRootAccess", FS, { sid: "ViaOther", condition: { StringEquals: { "elasticfilesystem:AccessPointArn": OTHER_AP } } });
    expect(efsReaches(mounting([viaAp, viaOther], [noTls]))).toEqual([expect.objectContaining({ resource: FS, actions: MOUNT, conditional: false, via: ["logs#ViaAp"] })]);
  });
});

/** The reach list's answer for mounting `fs`: its ClientMount there, certain or conditional, or none. */
function mountAnswer(reaches: readonly Reach[], fs: string): "allowed" | "conditional" | "implicitly-denied" {
  const reach = reaches.find((r) => r.resource === fs && r.actions.includes("elasticfilesystem:ClientMount"));
  return !reach ? "implicitly-denied" : reach.conditional ? "conditional" : "allowed";
}

/** What `can` answers for the role mounting `fs` through `accessPoint`, as the CLI asks it. */
function canMount(model: ReturnType<typeof modelOf>, roleArn: string, fs: string, accessPoint: string) {
  return ask(model, { principal: roleArn, action: "elasticfilesystem:ClientMount", resource: fs, context: mountContext(accessPoint) }).decision;
}

describe("a mounted file system under the role's permissions boundary", () => {
  const noTls = { Sid: "NoTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: FS, Condition: { Bool: { "aws:SecureTransport": "false" } } } as IamStatement;
  const OTHER_FS = `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0f0f0f0f`;
  const grants: [string, IamStatement[], IamStatement[]][] = [
    ["the role's statement on the file system", [allow(MOUNT, FS, { sid: "OwnMount" })], [noTls]],
    ["the role's statement on every resource", [allow(MOUNT, "*", { sid: "OwnMount" })], [noTls]],
    ["the file system policy naming the role", [], [fsStatement("Allow", { AWS: ROLE }, MOUNT, THROUGH_AP), noTls]],
  ];
  const boundaries: [string, IamStatement[], "allowed" | "implicitly-denied"][] = [
    ["leaves it out", [allow("logs:*", "*"), allow("elasticfilesystem:*", OTHER_FS)], "implicitly-denied"],
    ["lets it in", [allow("logs:*", "*"), allow("elasticfilesystem:*", FS)], "allowed"],
    ["lets it in through the access point only", [allow("logs:*", "*"), allow("elasticfilesystem:*", FS, { condition: { StringEquals: { "elasticfilesystem:AccessPointArn": AP } } })], "allowed"],
  ];
  for (const [grant, identity, fsPolicy] of grants) {
    for (const [which, boundary, expected] of boundaries) {
      it(`agrees with \`can\` (${expected}) where ${grant} grants it and the boundary ${which}`, () => {
        const model = modelOf(mounting(identity, fsPolicy, boundary));
        const reaches = reachesOf(model, model.roles.get(ROLE)!);
        expect(canMount(model, ROLE, FS, AP)).toBe(expected);
        expect(mountAnswer(reaches, FS)).toBe(expected);
      });
    }
  }
});

describe("two statements granting the mount through the same access point", () => {
  const onSite = { StringEquals: { "elasticfilesystem:AccessPointArn": AP }, NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } as unknown as Record<string, Record<string, string>>;

  it("keeps the file system policy's conditional statement beside the certain one, with its key", () => {
    const always = { ...fsStatement("Allow", { AWS: ROLE }, MOUNT, THROUGH_AP), Sid: "Always" } as IamStatement;
    const sometimes = { ...fsStatement("Allow", { AWS: ROLE }, MOUNT, onSite), Sid: "OnSite" } as IamStatement;
    const [reach] = efsReaches(mounting([], [always, sometimes]));
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: false, via: [`file system policy of ${FS}#Always`, `file system policy of ${FS}#OnSite`] });
    expect(reach?.conditionalWays).toEqual([{ via: `file system policy of ${FS}#OnSite`, conditionKeys: ["aws:SourceIp"] }]);
  });

  it("keeps the role's own conditional statement beside its certain one, with its key", () => {
    const noTls = { Sid: "NoTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: FS, Condition: { Bool: { "aws:SecureTransport": "false" } } } as IamStatement;
    const own = [allow(MOUNT, FS, { sid: "OwnMount" }), allow(MOUNT, FS, { sid: "OwnOnSite", condition: onSite })];
    const [reach] = efsReaches(mounting(own, [noTls]));
    expect(reach).toMatchObject({ resource: FS, actions: MOUNT, conditional: false, via: ["logs#OwnMount", "logs#OwnOnSite"] });
    expect(reach?.conditionalWays).toEqual([{ via: "logs#OwnOnSite", conditionKeys: ["aws:SourceIp"] }]);
  });
});

describe("the demo account's mounted file systems", () => {
  it("are mounted in the reach list exactly where `can` lets the role mount them through its access point", () => {
    const snapshot = parseSnapshotValue(JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")));
    const report = analyzeSnapshot(snapshot);
    const model = buildAccountModel(snapshot);
    const seen: string[] = [];
    for (const fn of report.functions) {
      for (const mount of roleMounts(model, fn.role)) {
        // A role mounting it through several access points mounts it the best way one of them lets it.
        const answers = mount.accessPoints.map((ap) => canMount(model, fn.role, mount.fileSystemArn, ap));
        const can = (["allowed", "conditional"] as const).find((a) => answers.includes(a)) ?? "implicitly-denied";
        expect([fn.name, mount.fileSystemArn, mountAnswer(fn.reaches, mount.fileSystemArn)]).toEqual([fn.name, mount.fileSystemArn, can]);
        seen.push(can);
      }
    }
    // Both answers occur in the demo account, so the comparison is not vacuous.
    expect([...new Set(seen)].sort()).toEqual(["allowed", "implicitly-denied"]);
  });
});
