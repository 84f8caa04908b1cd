/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Metamorphic properties of the whole analysis: relations between the reports of two snapshots that hold whatever
 * the policies are. Each compares decisions (who may invoke what, what each function reaches, which findings fire at
 * which severity), not the evidence text that names statements.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel } from "./account-model";
import { canRole } from "./role-access";
import {
  analyzeRaw,
  clone,
  decodeDoc,
  diffMaps,
  diffProjections,
  docSlots,
  demoSnapshot,
  effectiveIdentityInvokers,
  encodeDoc,
  lostIn,
  mapDocs,
  mergeCond,
  moreOpenIn,
  project,
  resourcePolicySlots,
  shuffled,
  statementsOf,
} from "./metamorphic-support";
import { mulberry32 } from "@/lib/snapshot/fixtures/prng";
import { callersWorld, callersWorldArb, grantArb, grantsWorld, grantsWorldArb, needsArb, needsStmtArb, needsWorld } from "./metamorphic-worlds";

const DEMO = demoSnapshot();
const SYN = clone(generateSyntheticSnapshot({ functions: 40, roles: 20, seed: 3 }));
const ACCOUNTS: [string, any][] = [
  ["demo", DEMO],
  ["synthetic", SYN],
];
const DEMO_REPORT = analyzeRaw(DEMO);
const DEMO_P = project(DEMO_REPORT);

describe("invariance: the same account written differently gives the same report", () => {
  it.each(["object", "json", "url"] as const)("every IAM document as %s gives a byte-identical report", (encoding) => {
    const base = JSON.stringify(DEMO_REPORT);
    expect(JSON.stringify(analyzeRaw(mapDocs(DEMO, (d) => d, { trust: true, allVersions: true, encoding })))).toBe(base);
  });

  it("analysing twice gives a byte-identical report", () => {
    expect(JSON.stringify(analyzeRaw(DEMO))).toBe(JSON.stringify(DEMO_REPORT));
  });

  const rewrites: [string, (raw: any, rand: () => number) => any][] = [
    ["statements reordered", (raw, rand) => mapDocs(raw, (d) => (Array.isArray(d.Statement) ? { ...d, Statement: shuffled(d.Statement, rand) } : d))],
    [
      "multi-action statements split one per action",
      (raw) =>
        mapDocs(raw, (d) => ({
          ...d,
          Statement: statementsOf(d).flatMap((s) => (Array.isArray(s.Action) && s.Action.length > 1 ? s.Action.map((a: string, i: number) => ({ ...s, Action: a, ...(s.Sid ? { Sid: `${s.Sid}x${i}` } : {}) })) : [s])),
        })),
    ],
    [
      "multi-resource statements split one per resource",
      (raw) =>
        mapDocs(raw, (d) => ({
          ...d,
          Statement: statementsOf(d).flatMap((s) => (Array.isArray(s.Resource) && s.Resource.length > 1 ? s.Resource.map((r: string, i: number) => ({ ...s, Resource: r, ...(s.Sid ? { Sid: `${s.Sid}r${i}` } : {}) })) : [s])),
        })),
    ],
    [
      "strings as one-element lists, a lone statement as an object",
      (raw) =>
        mapDocs(raw, (d) => {
          for (const s of statementsOf(d)) for (const k of ["Action", "Resource", "NotAction", "NotResource"]) if (typeof s[k] === "string") s[k] = [s[k]];
          return Array.isArray(d.Statement) && d.Statement.length === 1 ? { ...d, Statement: d.Statement[0] } : d;
        }, { trust: true }),
    ],
    [
      "action names and condition keys in another case (identity, trust and function policies)",
      (raw, rand) => {
        const flip = (x: string) => x.replace(/[a-z]/gi, (ch) => (rand() < 0.5 ? ch.toUpperCase() : ch.toLowerCase()));
        const fix = (s: any) => {
          for (const k of ["Action", "NotAction"]) if (s[k] !== undefined) s[k] = Array.isArray(s[k]) ? s[k].map(flip) : flip(s[k]);
          for (const [op, kv] of Object.entries<any>(s.Condition ?? {})) s.Condition[op] = Object.fromEntries(Object.entries(kv).map(([k, v]) => [flip(k), v]));
        };
        const out = mapDocs(raw, (d) => (statementsOf(d).forEach(fix), d), { trust: true, allVersions: true });
        for (const slot of resourcePolicySlots(out)) {
          const d = slot.get();
          if (d) (statementsOf(d).forEach(fix), slot.set(d));
        }
        return out;
      },
    ],
    [
      "roles, policies, users, functions and mappings listed in another order",
      (raw, rand) => {
        const out = clone(raw);
        const d = out.iam.GetAccountAuthorizationDetails;
        for (const k of ["RoleDetailList", "Policies", "UserDetailList", "GroupDetailList"]) if (d[k]) d[k] = shuffled(d[k], rand);
        for (const r of d.RoleDetailList) {
          r.RolePolicyList = shuffled(r.RolePolicyList ?? [], rand);
          r.AttachedManagedPolicies = shuffled(r.AttachedManagedPolicies ?? [], rand);
        }
        for (const region of Object.values<any>(out.regions)) {
          region.ListFunctions.Functions = shuffled(region.ListFunctions.Functions, rand);
          if (region.ListEventSourceMappings) region.ListEventSourceMappings.EventSourceMappings = shuffled(region.ListEventSourceMappings.EventSourceMappings, rand);
        }
        return out;
      },
    ],
    ["Sids dropped (findings compared by rule and target, not id)", (raw) => mapDocs(raw, (d) => (statementsOf(d).forEach((s) => delete s.Sid), d))],
  ];

  for (const [name, rewrite] of rewrites) {
    it.each(ACCOUNTS)(`${name}: same decisions (%s)`, (_, raw) => {
      const byId = !name.startsWith("Sids");
      const before = raw === DEMO && byId ? DEMO_P : project(analyzeRaw(raw), { findingsById: byId });
      const after = project(analyzeRaw(rewrite(raw, mulberry32(7))), { findingsById: byId });
      expect(diffProjections(before, after)).toEqual([]);
    });
  }

  it.each(["555566667777", "999999999999"])("the account renamed to %s everywhere changes no decision (names aside)", (to) => {
    const raw = JSON.parse(JSON.stringify(DEMO).replaceAll("123456789012", to));
    const back = JSON.parse(JSON.stringify(analyzeRaw(raw)).replaceAll(to, "123456789012"));
    expect(diffProjections(DEMO_P, project(back))).toEqual([]);
  });

  it("a user's groups' policies copied onto the user (groups dropped), or a user's own moved to a group of its own, change no decision", () => {
    const flat = clone(DEMO);
    const d = flat.iam.GetAccountAuthorizationDetails;
    for (const u of d.UserDetailList) {
      for (const name of u.GroupList ?? []) {
        const g = d.GroupDetailList.find((x: any) => x.GroupName === name);
        u.UserPolicyList = [...(u.UserPolicyList ?? []), ...(g?.GroupPolicyList ?? [])];
        u.AttachedManagedPolicies = [...(u.AttachedManagedPolicies ?? []), ...(g?.AttachedManagedPolicies ?? [])];
      }
      u.GroupList = [];
    }
    const grouped = clone(DEMO);
    const d2 = grouped.iam.GetAccountAuthorizationDetails;
    for (const u of d2.UserDetailList) {
      if (!(u.UserPolicyList ?? []).length) continue;
      const name = `own-${u.UserName}`;
      d2.GroupDetailList.push({ Path: "/", GroupName: name, GroupId: "AGPAOWNOWNOWNOWNOWN00", Arn: `arn:aws:iam::${grouped.account}:group/${name}`, GroupPolicyList: u.UserPolicyList, AttachedManagedPolicies: [] });
      u.UserPolicyList = [];
      u.GroupList = [...(u.GroupList ?? []), name];
    }
    const before = project(DEMO_REPORT, { findingsById: false });
    const answers = effectiveIdentityInvokers(DEMO_REPORT);
    for (const raw of [flat, grouped]) {
      const r = analyzeRaw(raw);
      expect(diffProjections(before, project(r, { findingsById: false }))).toEqual([]);
      expect(diffMaps(answers, effectiveIdentityInvokers(r))).toEqual([]);
    }
  });

  it("an inline policy moved to a customer managed policy attached to the same role changes no decision", () => {
    const roles = DEMO.iam.GetAccountAuthorizationDetails.RoleDetailList.map((r: any, i: number) => [i, r] as const).filter(([, r]: any) => (r.RolePolicyList ?? []).some((p: any) => decodeDoc(p.PolicyDocument)));
    fc.assert(
      fc.property(fc.nat(roles.length - 1), fc.nat(5), (ri, pi) => {
        const raw = clone(DEMO);
        const d = raw.iam.GetAccountAuthorizationDetails;
        const role = d.RoleDetailList[roles[ri]![0]];
        const readable = role.RolePolicyList.filter((p: any) => decodeDoc(p.PolicyDocument));
        const p = readable[pi % readable.length];
        role.RolePolicyList = role.RolePolicyList.filter((x: any) => x !== p);
        const name = `moved-${role.RoleName}-${p.PolicyName}`;
        const arn = `arn:aws:iam::${raw.account}:policy/${name}`;
        d.Policies.push({ PolicyName: name, PolicyId: "ANPAMOVEDMOVEDMOVED00", Arn: arn, Path: "/", DefaultVersionId: "v1", AttachmentCount: 1, IsAttachable: true, PolicyVersionList: [{ Document: p.PolicyDocument, VersionId: "v1", IsDefaultVersion: true }] });
        role.AttachedManagedPolicies = [...(role.AttachedManagedPolicies ?? []), { PolicyName: name, PolicyArn: arn }];
        expect(diffProjections(DEMO_P, project(analyzeRaw(raw)))).toEqual([]);
      }),
      { numRuns: 12, seed: 1 },
    );
  });
});

describe("monotonicity", () => {
  it("an explicit Deny added to any identity policy of the demo makes nothing more open and no missing permission less missing", () => {
    const slots = docSlots(DEMO).filter((s) => decodeDoc(s.get()));
    const actions = ["*", "s3:*", "lambda:*", "lambda:Invoke*", "lambda:InvokeFunction", "logs:*", "sqs:*", "kms:*", "iam:PassRole", "ec2:*", "iam:*", "sts:AssumeRole", "dynamodb:*", "sqs:ReceiveMessage", "logs:PutLogEvents"];
    const resources = ["*", ...DEMO_REPORT.functions.slice(0, 20).flatMap((f) => [f.arn, `${f.arn}:*`]), "arn:aws:sqs:*:123456789012:*", "arn:aws:logs:*:123456789012:*"];
    const cond = fc.constantFrom<any>(undefined, { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { StringNotEquals: { "aws:ResourceAccount": "123456789012" } });
    fc.assert(
      fc.property(fc.nat(slots.length - 1), fc.boolean(), fc.boolean(), fc.array(fc.constantFrom(...actions), { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...resources), { minLength: 1, maxLength: 3 }), cond, (si, notAction, notResource, a, r, c) => {
        const raw = clone(DEMO);
        const slot = docSlots(raw).filter((s) => decodeDoc(s.get()))[si]!;
        const doc = decodeDoc(slot.get());
        const deny: any = { Effect: "Deny", [notAction ? "NotAction" : "Action"]: a, [notResource ? "NotResource" : "Resource"]: r };
        if (c) deny.Condition = c;
        slot.set(encodeDoc({ ...doc, Statement: [...statementsOf(doc), deny] }, "object"));
        expect(moreOpenIn(DEMO_REPORT, analyzeRaw(raw))).toEqual([]);
      }),
      { numRuns: 15, seed: 2 },
    );
  });

  it("an execution role's Deny never removes a missing permission, an unconditional Allow never adds one nor removes a reach", () => {
    fc.assert(
      fc.property(needsArb, needsStmtArb(["Allow", "Deny"]), (stmts, extra) => {
        if (extra.Effect === "Allow") delete extra.Condition;
        const before = analyzeRaw(needsWorld(stmts));
        const after = analyzeRaw(needsWorld([...stmts, extra]));
        if (extra.Effect === "Deny") expect(moreOpenIn(before, after)).toEqual([]);
        else expect([...moreOpenIn(after, before), ...lostIn(before, after)]).toEqual([]);
      }),
      { numRuns: 80, seed: 3 },
    );
  });

  it("a condition on an unknown key added to an Allow turns 'can' into 'may', never into 'cannot', never the reverse", () => {
    const conds = [{ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { StringEquals: { "aws:RequestTag/zz": "x" } }, { StringLike: { "aws:userAgent": "zz*" } }];
    fc.assert(
      fc.property(needsArb, fc.nat(10), fc.constantFrom(...conds), (stmts, i, c) => {
        const k = i % stmts.length;
        const merged = mergeCond(stmts[k].Condition, c);
        if (stmts[k].Effect !== "Allow" || !merged) return;
        const before = analyzeRaw(needsWorld(stmts));
        const after = analyzeRaw(needsWorld(stmts.map((s: any, j: number) => (j === k ? { ...s, Condition: merged } : s))));
        expect([...moreOpenIn(before, after), ...lostIn(before, after)]).toEqual([]);
      }),
      { numRuns: 80, seed: 4 },
    );
  });

  it("a permissions boundary added to a role or user of the demo never adds reach or a way in", () => {
    const d0 = DEMO.iam.GetAccountAuthorizationDetails;
    const A = ["*", "s3:*", "lambda:*", "lambda:InvokeFunction", "logs:*", "sqs:*", "dynamodb:*", "logs:PutLogEvents", "sqs:ReceiveMessage"];
    const R = ["*", "arn:aws:sqs:*:123456789012:*", "arn:aws:lambda:*:123456789012:function:*", "arn:aws:logs:*:123456789012:*"];
    fc.assert(
      fc.property(fc.nat(d0.RoleDetailList.length + (d0.UserDetailList?.length ?? 0) - 1), fc.array(fc.record({ a: fc.array(fc.constantFrom(...A), { minLength: 1, maxLength: 3 }), r: fc.constantFrom(...R) }), { maxLength: 3 }), (ti, stmts) => {
        const raw = clone(DEMO);
        const d = raw.iam.GetAccountAuthorizationDetails;
        const target = [...d.RoleDetailList, ...(d.UserDetailList ?? [])][ti];
        if (target.PermissionsBoundary) return;
        const arn = `arn:aws:iam::${raw.account}:policy/zz-boundary`;
        d.Policies.push({ PolicyName: "zz-boundary", PolicyId: "ANPAZZBOUNDARYZZZZZZ", Arn: arn, Path: "/", DefaultVersionId: "v1", IsAttachable: true, PolicyVersionList: [{ Document: { Version: "2012-10-17", Statement: stmts.map((s) => ({ Effect: "Allow", Action: s.a, Resource: s.r })) }, VersionId: "v1", IsDefaultVersion: true }] });
        target.PermissionsBoundary = { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn };
        expect(moreOpenIn(DEMO_REPORT, analyzeRaw(raw))).toEqual([]);
      }),
      { numRuns: 12, seed: 5 },
    );
  });

  it("a Deny added to a function policy makes no way in more open or more public and no finding worse", () => {
    fc.assert(
      fc.property(grantsWorldArb, grantArb, (w, extra) => {
        const before = analyzeRaw(grantsWorld(w));
        const after = analyzeRaw(grantsWorld({ ...w, stmts: [...w.stmts, { ...extra, Effect: "Deny" }] }));
        expect(moreOpenIn(before, after)).toEqual([]);
      }),
      { numRuns: 100, seed: 6 },
    );
  });
});

describe("callers: the account's roles as invokers", () => {
  it("a function added elsewhere changes no existing function's identity callers, listed per function or account-wide", () => {
    fc.assert(
      fc.property(callersWorldArb, fc.constantFrom("us-east-1", "eu-west-1", "ap-south-1"), fc.constantFrom("zz-other", "orders-zz"), (w, region, name) => {
        if (w.fns.some(([r, n]) => r === region && n === name)) return;
        const before = effectiveIdentityInvokers(analyzeRaw(callersWorld(w)));
        const after = effectiveIdentityInvokers(
          analyzeRaw(
            callersWorld(w, (b) => {
              if (region === "ap-south-1") b.region(region);
              b.fn({ region, name, runtime: "nodejs22.x", role: b.roleArn("exec") });
            }),
          ),
        );
        const added = `arn:aws:lambda:${region}:123456789012:function:${name} `;
        expect(diffMaps(before, after, (k) => !k.startsWith(added))).toEqual([]);
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  it("each role's answer for each function (and its $LATEST) is the evaluator's", () => {
    const norm = (v: string | undefined) => (v === undefined || v.endsWith("denied") ? "denied" : v);
    fc.assert(
      fc.property(callersWorldArb, (w) => {
        const raw = callersWorld(w);
        const answers = effectiveIdentityInvokers(analyzeRaw(raw));
        const model = buildAccountModel(parseSnapshot(clone(raw)));
        for (const fn of model.functions)
          for (const [arn, role] of model.roles) {
            if (!arn.includes("caller")) continue;
            const unqualified = answers.get(`${fn.arn} ${arn}  lambda:InvokeFunction`);
            expect(norm(unqualified), `${arn} ${fn.arn}`).toBe(norm(canRole(model, role, { action: "lambda:InvokeFunction", resource: fn.arn }, fn).decision));
            // A caller listed on the function itself is not listed again for $LATEST.
            if (norm(unqualified) !== "denied") continue;
            const latest = `${fn.arn}:$LATEST`;
            expect(norm(answers.get(`${fn.arn} ${arn} ${latest} lambda:InvokeFunction`)), `${arn} ${latest}`).toBe(norm(canRole(model, role, { action: "lambda:InvokeFunction", resource: latest }, fn).decision));
          }
      }),
      { numRuns: 80, seed: 8 },
    );
  });
});

describe("the helpers can fail", () => {
  it("moreOpenIn sees a new reach and a lost missing permission; diffProjections sees a changed decision", () => {
    const narrow = analyzeRaw(needsWorld([{ Effect: "Allow", Action: "logs:CreateLogGroup", Resource: "*" }]));
    const wide = analyzeRaw(needsWorld([{ Effect: "Allow", Action: "*", Resource: "*" }]));
    const v = moreOpenIn(narrow, wide);
    expect(v.some((l) => l.startsWith("new reach"))).toBe(true);
    expect(v.some((l) => l.startsWith("missing-permission finding gone"))).toBe(true);
    expect(diffProjections(project(narrow), project(wide)).length).toBeGreaterThan(0);
  });
});
