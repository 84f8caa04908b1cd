import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { expandActionPattern } from "@/lib/catalog/actions";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { actionMatches, globMatches } from "@/lib/policy/wildcard";
import type { Decision } from "@/lib/policy/types";
import { buildAccountModel, type AccountModel } from "./account-model";
import type { RoleModel } from "./role-model";
import { canRole } from "./role-access";
import { accessPointsOf, efsMount, mountContext } from "./file-systems";
import { reachesOf, roleReach } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder, roleReachFor } from "./test-support";

const Q = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

function reachesFor(inline: Record<string, unknown>, boundary?: Record<string, unknown>) {
  return roleReachFor(inline, boundary).reaches;
}

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

describe("reachesOf", () => {
  it("groups concrete actions by service and resource with access levels", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: Q }) });
    expect(r).toEqual([
      expect.objectContaining({
        service: "sqs",
        resource: Q,
        actions: ["sqs:DeleteMessage", "sqs:ReceiveMessage"],
        accessLevels: ["Write", "Read"],
        conditional: false,
      }),
    ]);
  });

  it("expands wildcards through the action catalog", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: "dynamodb:Get*", Resource: "*" }) });
    expect(r[0]?.actions).toContain("dynamodb:GetItem");
    expect(r[0]?.actions.every((a) => a.startsWith("dynamodb:Get"))).toBe(true);
    expect(r[0]?.patterns).toEqual(["dynamodb:Get*"]);
  });

  it("drops what an explicit Deny removes and flags a partial Deny", () => {
    const r = reachesFor({
      p: doc(
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" },
        { Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
        { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/secret/*" },
      ),
    });
    expect(r).toHaveLength(1);
    expect(r[0]?.actions).toEqual(["s3:GetObject"]);
    expect(r[0]?.partiallyDenied).toBe(true);
  });

  it("drops what the permissions boundary does not allow", () => {
    const r = reachesFor(
      { p: doc({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:PurgeQueue"], Resource: Q }) },
      doc({ Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*" }),
    );
    expect(r[0]?.actions).toEqual(["sqs:ReceiveMessage"]);
  });

  // The evaluator reads a Resource spelled ARN: as written and as arn: (lib/policy/arn-case.test.ts): the reach it
  // grants is a "may", not left out because it does not begin "arn:", nor certain because the statement has no condition.
  it("lists a grant on a Resource spelled ARN: as conditional", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: ["sqs:ReceiveMessage"], Resource: `ARN${Q.slice(3)}` }) });
    expect(r).toEqual([expect.objectContaining({ service: "sqs", resource: `ARN${Q.slice(3)}`, actions: ["sqs:ReceiveMessage"], conditional: true })]);
  });

  it.each([["ARN:aws:logs"], ["arn:AWS:logs"], ["arn:aws:Logs"]])("lists a grant on a Resource spelled %s:… with no resource policy of its own as conditional too", (head) => {
    const group = `${head}:${REGION}:${ACCOUNT}:log-group:app:*`;
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: group }) });
    expect(r).toEqual([expect.objectContaining({ service: "logs", resource: group, actions: ["logs:PutLogEvents"], conditional: true })]);
  });

  it("marks access gated by a condition as conditional", () => {
    const r = reachesFor({
      p: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: Q, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
    });
    expect(r[0]?.conditional).toBe(true);
  });

  // Only ListBucket (and ListBucketVersions, ListBucketMultipartUploads) requests carry s3:prefix: the other actions of
  // s3:* are refused on the bucket, whichever of them the reach list asks first.
  it("lists, under a service-key condition, exactly the actions whose requests carry the key", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::docs", Condition: { StringLike: { "s3:prefix": "home/*" } } }) });
    expect(r).toEqual([expect.objectContaining({ service: "s3", resource: "arn:aws:s3:::docs", conditional: true })]);
    expect(r[0]!.actions).toContain("s3:ListBucket");
    expect(r[0]!.actions).not.toContain("s3:GetBucketAcl");
    expect(r[0]!.actions).toEqual(reachesFor({ p: doc({ Effect: "Allow", Action: r[0]!.actions, Resource: "arn:aws:s3:::docs", Condition: { StringLike: { "s3:prefix": "home/*" } } }) })[0]!.actions);
  });

  it("reports Action * and NotAction as the whole-account group", () => {
    expect(reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) })[0]).toMatchObject({ service: "*", resource: "*" });
    const notAction = reachesFor({ p: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) });
    expect(notAction[0]?.actions).toContain("except iam:*");
  });

  it("shows the part a narrower permissions boundary grants, not nothing", () => {
    expect(
      reachesFor({ p: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }, doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" })),
    ).toEqual([expect.objectContaining({ service: "s3", resource: "arn:aws:s3:::x/*", actions: ["s3:GetObject"] })]);
    const team = reachesFor(
      { p: doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::team-*" }) },
      doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::team-a/*", "arn:aws:s3:::other/*"] }),
    );
    expect(team.map((r) => [r.resource, r.actions])).toEqual([["arn:aws:s3:::team-a/*", ["s3:GetObject", "s3:PutObject"]]]);
  });

  it("keeps an every-action reach that a Deny or NotAction narrows, at every access level, flagged partly denied", () => {
    const all = ["Permissions management", "Write", "Tagging", "Read", "List"];
    const denyIam = reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" }) });
    expect(denyIam).toEqual([expect.objectContaining({ service: "*", resource: "*", accessLevels: all, partiallyDenied: true, conditional: false })]);
    const broadNotAction = reachesFor({ p: doc({ Effect: "Allow", NotAction: ["iam:*", "s3:*", "ec2:*", "lambda:*", "kms:*"], Resource: "*" }) });
    expect(broadNotAction).toEqual([expect.objectContaining({ service: "*", resource: "*" })]);
    const narrowDeny = reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::prod" }) });
    expect(narrowDeny[0]).toMatchObject({ service: "*", partiallyDenied: true });
    const plain = reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) });
    expect(plain[0]?.partiallyDenied).toBeUndefined();
  });

  // As in the demo: ledger-api's policy denies lambda:InvokeFunction to everyone but API Gateway (NotPrincipal), so the
  // admin role's `*` on `*` does not hold there. A resource policy refuses whatever the role's own policies allow.
  it("flags a wide reach partly denied where a function's or key's own policy denies the role part of it", () => {
    const b = newBuilder();
    const admin = b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) as never } });
    const invoker = b.role({ name: "invoker", inline: { p: doc({ Effect: "Allow", Action: ["lambda:InvokeFunction", "lambda:GetFunction"], Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:*` }) as never } });
    const reader = b.role({ name: "reader", inline: { p: doc({ Effect: "Allow", Action: "lambda:GetFunction", Resource: "*" }) as never } });
    const anyInvoker = b.role({ name: "any-invoker", inline: { p: doc({ Effect: "Allow", Action: "lambda:Invoke*", Resource: "*" }) as never } });
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
    const decrypter = b.role({ name: "decrypter", inline: { p: doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*` }) as never } });
    const ledger = b.fn({ region: REGION, name: "ledger", runtime: "nodejs20.x", role: b.roleArn("ledger-role") });
    b.resourcePolicy(ledger, doc({ Effect: "Deny", NotPrincipal: { Service: "apigateway.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: ledger }) as never);
    b.kmsKey({ arn: key, policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }, { Effect: "Deny", Principal: { AWS: decrypter }, Action: "kms:Decrypt", Resource: "*" }) as never });
    for (const [name, role] of [["admin-fn", admin], ["invoker-fn", invoker], ["reader-fn", reader], ["any-invoker-fn", anyInvoker], ["decrypter-fn", decrypter]] as const) b.fn({ region: REGION, name, runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const reachOf = (name: string) => reachesOf(model, model.functions.find((f) => f.name === name)!.role!);
    expect(reachOf("admin-fn")).toEqual([expect.objectContaining({ service: "*", resource: "*", partiallyDenied: true })]);
    expect(reachOf("invoker-fn")).toEqual([expect.objectContaining({ service: "lambda", actions: ["lambda:GetFunction", "lambda:InvokeFunction"], partiallyDenied: true })]);
    expect(reachOf("any-invoker-fn")).toEqual([expect.objectContaining({ service: "lambda", resource: "*", partiallyDenied: true })]);
    expect(reachOf("decrypter-fn")).toEqual([expect.objectContaining({ service: "kms", actions: ["kms:Decrypt"], partiallyDenied: true })]);
    // The Deny names another action: nothing of this reach is refused.
    expect(reachOf("reader-fn")[0]?.partiallyDenied).toBeUndefined();
  });

  // As in the demo: public-status-page-role may sts:AssumeRole on `*`, and no role of the account trusts it. The target
  // role's trust policy must let the caller in too (id_roles_use_permissions-to-switch), so that reach holds only where
  // another account's role, whose trust the snapshot lacks, lets it in: the privilege-escalation finding's "may".
  it("reads sts:AssumeRole on a pattern as conditional when no role of the account the pattern covers trusts the role", () => {
    const b = newBuilder();
    const assume = (resource: string) => doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: resource }) as never;
    const lonely = b.role({ name: "lonely", inline: { p: assume("*") } });
    const trusted = b.role({ name: "trusted", inline: { p: assume("*") } });
    const wildcardSts = b.role({ name: "sts-star", inline: { p: doc({ Effect: "Allow", Action: ["sts:*"], Resource: "*" }) as never } });
    b.role({ name: "target", trust: doc({ Effect: "Allow", Principal: { AWS: trusted }, Action: "sts:AssumeRole" }) as never });
    for (const [name, role] of [["lonely-fn", lonely], ["trusted-fn", trusted], ["sts-star-fn", wildcardSts]] as const) b.fn({ region: REGION, name, runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const reachOf = (name: string) => reachesOf(model, model.functions.find((f) => f.name === name)!.role!);
    expect(reachOf("lonely-fn")).toEqual([expect.objectContaining({ service: "sts", resource: "*", actions: ["sts:AssumeRole"], conditional: true })]);
    expect(reachOf("trusted-fn")).toEqual([expect.objectContaining({ service: "sts", resource: "*", actions: ["sts:AssumeRole"], conditional: false })]);
    // The other STS actions need no trust policy: one group, conditional for AssumeRole's part.
    const star = reachOf("sts-star-fn");
    expect(star).toEqual([expect.objectContaining({ service: "sts", resource: "*", conditional: true })]);
    expect(star[0]?.actions).toEqual(expect.arrayContaining(["sts:AssumeRole", "sts:GetCallerIdentity"]));
  });

  it("does not flag a reach for a resource-policy Deny that names another principal or another resource", () => {
    const b = newBuilder();
    const invoker = b.role({ name: "invoker", inline: { p: doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-*` }) as never } });
    const ledger = b.fn({ region: REGION, name: "ledger", runtime: "nodejs20.x", role: b.roleArn("ledger-role") });
    b.resourcePolicy(ledger, doc({ Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: ledger }) as never);
    const orders = b.fn({ region: REGION, name: "orders-api", runtime: "nodejs20.x", role: b.roleArn("orders-role") });
    b.resourcePolicy(orders, doc({ Effect: "Deny", Principal: { AWS: b.roleArn("someone-else") }, Action: "lambda:InvokeFunction", Resource: orders }) as never);
    b.fn({ region: REGION, name: "invoker-fn", runtime: "nodejs20.x", role: invoker });
    const model = modelOf(b);
    const reach = reachesOf(model, model.functions.find((f) => f.name === "invoker-fn")!.role!);
    expect(reach).toEqual([expect.objectContaining({ service: "lambda", actions: ["lambda:InvokeFunction"] })]);
    expect(reach[0]?.partiallyDenied).toBeUndefined();
  });

  it("marks an unconditional every-action reach conditional when a Deny on an unknown key may remove all of it", () => {
    const r = reachesFor({
      p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
    });
    expect(r.map((g) => [g.service, g.resource, g.conditional])).toEqual([["*", "*", true]]);
  });
});

/**
 * An STS call the target's trust policy must allow too, on a pattern that names no one role: allowed only when some
 * role of the snapshot it covers lets the caller in, else a "may" (independent of reaches.ts).
 */
function trustedOrMay(model: AccountModel, role: RoleModel, action: string, resource: string, d: Decision): Decision {
  if (d !== "allowed" || !/^sts:(AssumeRole|TagSession|SetSourceIdentity)$/.test(action) || model.roles.has(resource)) return d;
  const covered = [...model.roles.keys()].filter((arn) => globMatches(resource, arn));
  return covered.some((arn) => canRole(model, role, { action, resource: arn }).decision === "allowed") ? d : "conditional";
}

/** The boundary's Allow patterns for the action whose text the wider pattern matches (independent of reaches.ts). */
function narrowerInBoundary(role: RoleModel, action: string, resource: string): string[] {
  const out = new Set<string>();
  for (const st of role.boundary?.statements ?? []) {
    if (st.effect !== "Allow" || !st.resource || !(st.action ?? []).some((a) => actionMatches(a, action))) continue;
    for (const p of st.resource) if (p !== resource && new RegExp(`^${resource.replace(/[.+?^${}()|[\]\\/]/g, "\\$&").replaceAll("*", ".*")}$`).test(p)) out.add(p);
  }
  return [...out];
}

describe("grants IAM never authorises", () => {
  it("leaves actions out of a resource they cannot apply to and lists them when their statement grants them nowhere", () => {
    const { reaches, ineffective } = roleReachFor({
      p: doc(
        // The bucket, not its objects: GetObject grants nothing; ListBucket works on the bucket.
        { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "arn:aws:s3:::uploads" },
        // A log group without `:*`: PutLogEvents is checked on its log streams.
        { Effect: "Allow", Action: "logs:PutLogEvents", Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/orders` },
        // Each action works on one of the two ARNs: nothing to report.
        { Effect: "Allow", Action: ["sqs:SendMessage", "sns:Publish"], Resource: [Q, `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`] },
      ),
    });
    const shown = reaches.flatMap((r) => r.actions.map((a) => `${a} ${r.resource}`)).sort();
    expect(shown).toEqual(["s3:ListBucket arn:aws:s3:::uploads", `sns:Publish arn:aws:sns:${REGION}:${ACCOUNT}:alerts`, `sqs:SendMessage ${Q}`]);
    expect(reaches.find((r) => r.service === "s3")?.accessLevels).toEqual(["List"]);
    expect(ineffective).toEqual([
      { service: "logs", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/orders`, actions: ["logs:PutLogEvents"], via: ["p#1"] },
      { service: "s3", resource: "arn:aws:s3:::uploads", actions: ["s3:GetObject"], via: ["p#0"] },
    ]);
  });

  it("names the statement that grants nothing even when another statement of the same group grants the action elsewhere", () => {
    const { ineffective } = roleReachFor({
      p: doc(
        { Sid: "works", Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"] },
        { Sid: "nothing", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads" },
      ),
    });
    expect(ineffective).toEqual([{ service: "s3", resource: "arn:aws:s3:::uploads", actions: ["s3:GetObject"], via: ["p#nothing"] }]);
  });

  it("lists nothing for roles whose grants all apply", () => {
    expect(roleReachFor({ p: doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::uploads/*" }) }).ineffective).toEqual([]);
  });

  it("reads a role's statements once for its grants that reach nothing, not once per resource", () => {
    const buckets = Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}`);
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { p: doc(...buckets.map((Resource) => ({ Effect: "Allow", Action: "s3:GetObject", Resource }))) } as never });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const r = model.functions[0]!.role!;
    const policy = r.identity[0]!;
    let walks = 0;
    (policy as { statements: unknown }).statements = new Proxy(policy.statements, {
      get: (target, key, receiver) => (key === Symbol.iterator && walks++, Reflect.get(target, key, receiver)),
    });
    const { ineffective } = roleReach(model, r);
    expect(ineffective).toHaveLength(300);
    expect(ineffective).toContainEqual({ service: "s3", resource: buckets[299], actions: ["s3:GetObject"], via: ["p#299"] });
    expect(walks).toBeLessThan(30);
  });
});

describe("reachesOf shares one answer among actions that match the same statements", () => {
  it("gives, on the demo and a synthetic account, exactly what asking the evaluator action by action gives", () => {
    const accounts = [
      buildAccountModel(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8")))),
      buildAccountModel(parseSnapshotValue(generateSyntheticSnapshot({ functions: 150, roles: 60, seed: 7 }))),
      edgeCases(),
    ];
    let compared = 0;
    for (const model of accounts) {
      for (const role of new Set(model.functions.flatMap((f) => (f.role ? [f.role] : [])))) {
        const groups = reachesOf(model, role).filter((g) => g.service !== "*" && !g.resource.includes(" * except "));
        const shown = new Set(groups.flatMap((g) => g.actions.map((a) => `${a} ${g.resource}`)));
        const expected = new Set<string>();
        // Per group (service, resource): conditional when any of its actions is, by decision or by statement.
        const conditional = new Map<string, boolean>();
        for (const policy of role.identity) {
          for (const st of policy.statements) {
            if (st.effect !== "Allow" || !st.action || st.action.includes("*") || st.notResource) continue;
            for (const pattern of st.action) {
              for (const action of expandActionPattern(pattern)) {
                for (const resource of st.resource ?? ["*"]) {
                  const d = trustedOrMay(model, role, action.name, resource, canRole(model, role, { action: action.name, resource }).decision);
                  compared++;
                  // Denied on the pattern: the boundary's narrower patterns for the action are asked instead.
                  const asked = d === "allowed" || d === "conditional" ? [[resource, d] as const] : narrowerInBoundary(role, action.name, resource).map((n) => [n, canRole(model, role, { action: action.name, resource: n }).decision] as const);
                  for (const [where, decision] of asked) {
                    if (decision !== "allowed" && decision !== "conditional") continue;
                    // IAM never authorises the action on that resource: listed as a grant that reaches nothing.
                    if (!mayBeAuthorisedOn(action.name, where)) continue;
                    expected.add(`${action.name} ${where}`);
                    const group = `${action.name.split(":")[0]} ${where}`;
                    conditional.set(group, (conditional.get(group) ?? false) || decision === "conditional" || st.conditions.length > 0);
                  }
                }
              }
            }
          }
        }
        // A key policy naming the role by its ARN lets it use the key with no statement of its own (a key user).
        for (const key of model.kms.keys.values()) {
          for (const st of key.policy?.statements ?? []) {
            if (st.effect !== "Allow" || !st.principal?.aws.includes(role.arn) || !st.action) continue;
            for (const action of st.action.flatMap((p) => expandActionPattern(p))) {
              const decision = canRole(model, role, { action: action.name, resource: key.arn }).decision;
              compared++;
              if (decision !== "allowed" && decision !== "conditional") continue;
              expected.add(`${action.name} ${key.arn}`);
              const group = `kms ${key.arn}`;
              conditional.set(group, (conditional.get(group) ?? false) || decision === "conditional");
            }
          }
        }
        // A file system policy naming the role lets it mount what its functions mount, asked as Lambda mounts it.
        for (const fn of model.functions.filter((f) => f.role === role)) {
          for (const accessPoint of accessPointsOf(fn)) {
            const mount = efsMount(model.fileSystems, accessPoint);
            if (mount.kind !== "read") continue;
            for (const st of mount.policy?.statements ?? []) {
              if (st.effect !== "Allow" || !st.principal?.aws.includes(role.arn) || !st.action) continue;
              for (const action of st.action.flatMap((p) => expandActionPattern(p))) {
                const decision = canRole(model, role, { action: action.name, resource: mount.fileSystemArn, context: mountContext(accessPoint) }).decision;
                compared++;
                if (decision !== "allowed" && decision !== "conditional") continue;
                expected.add(`${action.name} ${mount.fileSystemArn}`);
                const group = `elasticfilesystem ${mount.fileSystemArn}`;
                conditional.set(group, (conditional.get(group) ?? false) || decision === "conditional");
              }
            }
          }
        }
        for (const e of expected) expect(shown, `${role.arn}: ${e}`).toContain(e);
        for (const e of shown) expect(expected, `${role.arn}: ${e}`).toContain(e);
        for (const g of groups) expect(g.conditional, `${role.arn}: ${g.service} ${g.resource}`).toBe(conditional.get(`${g.service} ${g.resource}`));
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

/**
 * Roles whose answers do not follow from their own statements alone: resources in another account or any account,
 * a function whose own policy denies the role, a policy variable, an unreadable boundary, a conditional Deny.
 */
function edgeCases() {
  const b = newBuilder();
  const target = b.fn({ region: REGION, name: "target", runtime: "nodejs20.x", role: b.roleArn("target-role") });
  const plain = b.role({
    name: "plain",
    inline: {
      p: doc(
        { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: ["arn:aws:sqs:us-east-1:999999999999:theirs", Q, "arn:aws:sqs:*:*:any-*"] },
        { Effect: "Allow", Action: ["lambda:InvokeFunction", "lambda:GetFunction"], Resource: [target, `${target}:*`] },
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:PrincipalTag/team}/*" },
        { Effect: "Allow", Action: "dynamodb:Get*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
      ) as never,
    },
  });
  b.resourcePolicy(target, doc({ Effect: "Deny", Principal: { AWS: plain }, Action: "lambda:InvokeFunction", Resource: target }) as never);
  b.fn({ region: REGION, name: "plain-fn", runtime: "nodejs20.x", role: plain });
  const denied = b.role({
    name: "denied",
    inline: {
      p: doc(
        { Effect: "Allow", Action: ["sqs:*"], Resource: Q },
        { Effect: "Deny", Action: "sqs:Delete*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ) as never,
    },
  });
  b.fn({ region: REGION, name: "denied-fn", runtime: "nodejs20.x", role: denied });
  // Wider than its boundary: only the boundary's part is reachable.
  const bounded = b.role({
    name: "bounded",
    inline: { p: doc({ Effect: "Allow", Action: ["s3:Get*", "sqs:*"], Resource: "*" }) as never },
    boundary: b.managedPolicy({ name: "team-boundary", document: doc({ Effect: "Allow", Action: ["s3:GetObject", "sqs:SendMessage"], Resource: ["arn:aws:s3:::team-a/*", Q] }) as never }),
  });
  b.fn({ region: REGION, name: "bounded-fn", runtime: "nodejs20.x", role: bounded });
  // A key whose policy lets the role Decrypt only, without delegating to IAM: one identity statement, two answers.
  const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
  const keyUser = b.role({ name: "key-user", inline: { p: doc({ Effect: "Allow", Action: ["kms:ScheduleKeyDeletion", "kms:Decrypt"], Resource: key }) as never } });
  b.kmsKey({ arn: key, policy: doc({ Sid: "KeyUserDecrypts", Effect: "Allow", Principal: { AWS: keyUser }, Action: "kms:Decrypt", Resource: "*" }) as never });
  b.fn({ region: REGION, name: "key-user-fn", runtime: "nodejs20.x", role: keyUser });
  return modelOf(b);
}
