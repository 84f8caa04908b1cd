/**
 * canRole's request context is the asking function's own, and roleDecision answers exactly what
 * canRole(…).decision answers, qualifications included (unreadable policies, resources in accounts outside the
 * snapshot, Lambda targets with their own policies, per-function context), on the demo and a synthetic account.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { ADMIN_PROBES } from "@/lib/findings/role-probes";
import { logNeeds } from "@/lib/findings/rules/logs-permission-missing";
import { buildAccountModel, type FunctionModel } from "./account-model";
import { canRole, roleDecision } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const FN_A = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`;

/** Function `a` whose role `r` has one inline policy of these statements. */
function functionWithPolicy(statements: object[]): { model: ReturnType<typeof modelOf>; fn: FunctionModel } {
  const b = newBuilder();
  const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: statements } as never } });
  b.fn({ region: REGION, name: "a", runtime: "nodejs20.x", role });
  const model = modelOf(b);
  return { model, fn: model.functionsByArn.get(FN_A)! };
}

describe("canRole request context", () => {
  it("is each function's own when functions share a role, asked in any order", () => {
    const b = newBuilder();
    const fnA = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`;
    const role = b.role({
      name: "shared",
      inline: {
        p: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { ArnEquals: { "lambda:SourceFunctionArn": fnA } } }],
        } as never,
      },
    });
    b.fn({ region: REGION, name: "a", runtime: "nodejs20.x", role });
    b.fn({ region: REGION, name: "b", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const [a, bFn] = [model.functionsByArn.get(fnA)!, model.functions.find((f) => f.name === "b")!];
    const ask = (fn: typeof a) => canRole(model, fn.role!, { action: "s3:GetObject", resource: "arn:aws:s3:::x/y" }, fn).decision;
    expect(ask(a)).toBe("allowed");
    expect(ask(bFn)).toBe("implicitly-denied");
    expect(ask(a)).toBe("allowed");
    expect(canRole(model, a.role!, { action: "s3:GetObject", resource: "arn:aws:s3:::x/y" }).decision).toBe("conditional");
    // The decision-only path builds its context lazily: the same answers, in the same interleaved order.
    const decide = (fn: typeof a) => roleDecision(model, fn.role!, { action: "s3:GetObject", resource: "arn:aws:s3:::x/y" }, fn);
    expect([decide(a), decide(bFn), decide(a)]).toEqual(["allowed", "implicitly-denied", "allowed"]);
  });

  it("Lambda's own requests for a function carry no lambda:SourceFunctionArn and not the function's session, asked in any order", () => {
    const { model, fn } = functionWithPolicy([
      { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*", Condition: { ArnEquals: { "lambda:SourceFunctionArn": FN_A } } },
      { Effect: "Allow", Action: "sqs:DeleteMessage", Resource: "*", Condition: { StringLike: { "aws:userid": "*:a" } } },
    ]);
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:q`;
    const ask = (action: string, byLambda: boolean) => [
      canRole(model, fn.role!, { action, resource: queue, byLambda }, fn).decision,
      roleDecision(model, fn.role!, { action, resource: queue, byLambda }, fn),
    ];
    expect(ask("sqs:ReceiveMessage", false)).toEqual(["allowed", "allowed"]);
    expect(ask("sqs:ReceiveMessage", true)).toEqual(["implicitly-denied", "implicitly-denied"]);
    expect(ask("sqs:ReceiveMessage", false)).toEqual(["allowed", "allowed"]);
    // The poller's session name (awslambda_…) is not known: a condition on aws:userid cannot be decided.
    expect(ask("sqs:DeleteMessage", true)).toEqual(["conditional", "conditional"]);
    expect(ask("sqs:DeleteMessage", false)).toEqual(["allowed", "allowed"]);
  });

  it("a role's requests carry no service source keys: a grant scoped by aws:SourceArn never applies, a Deny unless it refuses", () => {
    const { model, fn } = functionWithPolicy([
      // The mistake this catches: aws:SourceArn meant as "from this function" (lambda:SourceFunctionArn is that key).
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { ArnEquals: { "aws:SourceArn": FN_A } } },
      { Effect: "Allow", Action: "sqs:*", Resource: "*" },
      { Effect: "Deny", Action: "sqs:DeleteQueue", Resource: "*", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } },
    ]);
    const ask = (action: string, resource: string, byLambda: boolean, on?: FunctionModel) => [
      canRole(model, fn.role!, { action, resource, byLambda }, on).decision,
      roleDecision(model, fn.role!, { action, resource, byLambda }, on),
    ];
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:q`;
    for (const [byLambda, on] of [[false, fn], [true, fn], [false, undefined]] as const) {
      expect(ask("s3:GetObject", "arn:aws:s3:::b/k", byLambda, on)).toEqual(["implicitly-denied", "implicitly-denied"]);
      expect(ask("sqs:DeleteQueue", queue, byLambda, on)).toEqual(["explicitly-denied", "explicitly-denied"]);
      expect(ask("sqs:SendMessage", queue, byLambda, on)).toEqual(["allowed", "allowed"]);
    }
    // A value given for the key (the what-if box's context) is still used.
    expect(canRole(model, fn.role!, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:SourceArn": FN_A } }, fn).decision).toBe("allowed");
  });

  it("a service-linked role's session is the service's, acting for a resource: its source keys stay unknown", () => {
    const b = newBuilder();
    const slr = b.role({
      name: "AWSServiceRoleForExample",
      path: "/aws-service-role/example.amazonaws.com/",
      inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }] } as never },
    });
    const model = modelOf(b);
    const role = model.roles.get(slr)!;
    const query = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" };
    expect([canRole(model, role, query).decision, roleDecision(model, role, query)]).toEqual(["conditional", "conditional"]);
  });
});

const ACTIONS = [...ADMIN_PROBES, "lambda:InvokeFunction", "lambda:UpdateFunctionCode", "sqs:ReceiveMessage", "dynamodb:GetItem", "s3:GetObject", "logs:PutLogEvents", "iam:PassRole"];

describe("roleDecision = canRole(…).decision", () => {
  it("for every role in use, on its functions, their log streams, other roles' functions and foreign resources", () => {
    const models = [
      buildAccountModel(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8")))),
      buildAccountModel(parseSnapshotValue(generateSyntheticSnapshot({ functions: 120, roles: 50, seed: 11 }))),
    ];
    const seen = new Set<string>();
    let compared = 0;
    for (const model of models) {
      const targets = model.functions.slice(0, 25).flatMap((f) => [f.arn, ...f.policies.map((p) => p.qualifiedArn)]);
      for (const fn of model.functions) {
        if (!fn.role) continue;
        // A function in a region the snapshot did not list: its policy is unread, not absent.
        const unlisted = `arn:aws:lambda:sa-east-1:${model.account}:function:elsewhere`;
        const resources = ["*", ...targets, unlisted, "arn:aws:sqs:us-east-1:999999999999:theirs", "arn:aws:s3:::bucket/key", `arn:aws:kms:us-east-1:${model.account}:key/k1`, ...logNeeds(fn, model.partition, model.capturedAt).flatMap((n) => n.resources)];
        for (const action of ACTIONS) {
          for (const resource of resources) {
            const query = { action, resource };
            const full = canRole(model, fn.role, query, fn).decision;
            expect(roleDecision(model, fn.role, query, fn), `${fn.role.arn} ${action} ${resource}`).toBe(full);
            seen.add(full);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect([...seen].sort()).toEqual(["allowed", "conditional", "explicitly-denied", "implicitly-denied"]);
  });
});

describe("KMS keys, whose key policy no snapshot holds", () => {
  const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
  function roleWith(...Statement: unknown[]) {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement } as never } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const fn = model.functions[0]!;
    return (action = "kms:Decrypt") => ({ full: canRole(model, fn.role!, { action, resource: KEY }, fn), decision: roleDecision(model, fn.role!, { action, resource: KEY }, fn) });
  }

  it("an identity Allow is conditional: the key policy must allow too (itself or by delegating to IAM)", () => {
    const { full, decision } = roleWith({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" })();
    expect([full.decision, decision]).toEqual(["conditional", "conditional"]);
    expect(full.unread).toBe("may-deny");
    expect(full.unreadKeyPolicy).toBe(true);
    expect(full.reasons.join(" ")).toContain("could not read the key policy of " + KEY);
  });

  it("no identity Allow is conditional too: a key policy can name the role itself", () => {
    const { full } = roleWith({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" })();
    expect(full.decision).toBe("conditional");
    expect(full.unread).toBe("may-allow");
  });

  it("an explicit Deny in the role's policies stays final", () => {
    const { full, decision } = roleWith({ Effect: "Allow", Action: "kms:*", Resource: "*" }, { Effect: "Deny", Action: "kms:Decrypt", Resource: KEY })();
    expect([full.decision, decision]).toEqual(["explicitly-denied", "explicitly-denied"]);
  });
});

describe("resources in an account outside the snapshot", () => {
  const THEIRS = "arn:aws:sqs:us-east-1:999999999999:theirs";
  function roleAllowing(resource: string) {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: resource }] } as never } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    return { model, fn: model.functions[0]!, role: model.functions[0]!.role! };
  }

  it("are conditional when the role's own policies allow (their resource policy must allow too), with the reason", () => {
    const { model, fn, role } = roleAllowing(THEIRS);
    const result = canRole(model, role, { action: "sqs:ReceiveMessage", resource: THEIRS }, fn);
    expect(result.decision).toBe("conditional");
    expect(result.reasons.join(" ")).toContain("account 999999999999, whose resource policy is not in the snapshot");
    expect(result.statements.map((m) => m.effect)).toEqual(["Allow"]);
    expect(roleDecision(model, role, { action: "sqs:ReceiveMessage", resource: THEIRS }, fn)).toBe("conditional");
  });

  it("stay denied when the role's own policies do not allow (both sides are needed)", () => {
    const { model, fn, role } = roleAllowing(`arn:aws:sqs:us-east-1:${ACCOUNT}:mine`);
    expect(canRole(model, role, { action: "sqs:ReceiveMessage", resource: THEIRS }, fn).decision).toBe("implicitly-denied");
    expect(roleDecision(model, role, { action: "sqs:ReceiveMessage", resource: THEIRS }, fn)).toBe("implicitly-denied");
  });
});

describe("the session's own keys", () => {
  /**
   * Functions `allowedfn` and `other` sharing role `r` of these statements; with `org`, the account in an organization
   * (under these OUs, every SCP allowing all) or, "none", in no organization. `ask` is canRole's decision for
   * `allowedfn`, after checking that roleDecision answers the same.
   */
  function roleWith(statements: unknown[], org?: { ous?: string[] } | "none") {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: statements } as never } });
    b.fn({ region: REGION, name: "allowedfn", runtime: "nodejs20.x", role });
    b.fn({ region: REGION, name: "other", runtime: "nodejs20.x", role });
    if (org === "none") {
      delete b.organization().DescribeOrganization;
      b.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "Your account is not a member of an organization." });
    } else if (org) {
      const ous = org.ous ?? [];
      b.organization({ ous, scps: Object.fromEntries(["r-a1b2", ...ous, ACCOUNT].map((target) => [target, [FULL_AWS_ACCESS]])) });
    }
    const model = modelOf(b);
    const [allowed, other] = model.functions as [FunctionModel, FunctionModel];
    const ask = (action: string, resource: string) => {
      const full = canRole(model, allowed.role!, { action, resource }, allowed).decision;
      expect(roleDecision(model, allowed.role!, { action, resource }, allowed)).toBe(full);
      return full;
    };
    return { model, role: allowed.role!, allowed, other, ask };
  }

  it("aws:RequestedRegion is the target's region, the function's for *, unknown for ARNs without one", () => {
    const { model, role, allowed } = roleWith([
      { Effect: "Allow", Action: ["sqs:SendMessage", "s3:PutObject"], Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": REGION } } },
    ]);
    const ask = (action: string, resource: string) => canRole(model, role, { action, resource }, allowed).decision;
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).toBe("allowed");
    expect(ask("sqs:SendMessage", `arn:aws:sqs:us-west-2:${ACCOUNT}:q`)).toBe("explicitly-denied");
    expect(ask("sqs:SendMessage", "*")).toBe("allowed");
    expect(ask("s3:PutObject", "arn:aws:s3:::bucket/key")).toBe("conditional");
    expect(ask("sqs:SendMessage", `arn:aws:sqs:*:${ACCOUNT}:q`)).toBe("conditional");
  });

  it("aws:ResourceAccount is the ARN's account (a data perimeter), unknown for S3 buckets and *", () => {
    const { ask } = roleWith([
      { Effect: "Allow", Action: ["sqs:SendMessage", "s3:PutObject"], Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } } },
    ]);
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).toBe("allowed");
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:999999999999:q`)).toBe("explicitly-denied");
    expect(ask("s3:PutObject", "arn:aws:s3:::bucket/key")).toBe("conditional");
    expect(ask("sqs:SendMessage", "*")).toBe("conditional");
  });

  it("a resource of the account's own carries its organization as aws:ResourceOrgID/Paths; another account's does not", () => {
    const { ask } = roleWith(
      [
        { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" } } },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAllValues:StringNotLike": { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-a1b2/*" } } },
      ],
      {},
    );
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).toBe("allowed");
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:999999999999:q`)).toBe("conditional");
  });

  // reference_policies_condition-keys.html, Availability of aws:ResourceAccount, aws:ResourceOrgID and
  // aws:ResourceOrgPaths: "The following actions don't support this key: Amazon Elastic Block Store – All actions …
  // Amazon EventBridge – All actions". A Deny "unless the resource is ours" then refuses those requests (a negated
  // operator with the key absent is true), which is why AWS's perimeter examples exempt them.
  it("EventBridge and EBS requests carry no aws:ResourceAccount, so a resource-account Deny refuses them", () => {
    const { ask } = roleWith([
      { Effect: "Allow", Action: ["events:PutEvents", "ebs:ListSnapshotBlocks", "sqs:SendMessage"], Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } } },
    ]);
    expect(ask("events:PutEvents", `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`)).toBe("explicitly-denied");
    expect(ask("ebs:ListSnapshotBlocks", `arn:aws:ec2:${REGION}::snapshot/snap-1`)).toBe("explicitly-denied");
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).toBe("allowed");
  });

  it("EventBridge requests carry no aws:ResourceOrgID or ResourceOrgPaths either, even on the account's own resource", () => {
    const { ask } = roleWith(
      [
        { Effect: "Allow", Action: ["events:PutEvents", "sqs:SendMessage"], Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAnyValue:StringLike": { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-a1b2/*" }, StringEquals: { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" } } },
      ],
      {},
    );
    // The Deny holds only with both keys present: the account's own queue is in the organization, its event bus's
    // request carries neither key.
    expect(ask("sqs:SendMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).toBe("explicitly-denied");
    expect(ask("events:PutEvents", `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`)).toBe("allowed");
  });

  // reference_policies_condition-keys.html, aws:ResourceOrgID and aws:ResourceOrgPaths: "This key is included in the
  // request context only if the account that owns the resource is a member of an organization."
  it("in no organization, a resource of the account's own carries no aws:ResourceOrgID/Paths; another account's stays unknown", () => {
    const { model, role, ask: askRole } = roleWith(
      [
        { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:ResourceOrgID": "o-a1b2c3d4e5" } } },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { "ForAnyValue:StringLike": { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/*" } } },
      ],
      "none",
    );
    const ask = (resource: string) => {
      const full = askRole("sqs:SendMessage", resource);
      expect(canRole(model, role, { action: "sqs:SendMessage", resource }).decision).toBe(full);
      return full;
    };
    // Absent: StringNotEquals is true (the first Deny refuses), ForAnyValue is false (the second does not).
    expect(ask(`arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).toBe("explicitly-denied");
    expect(ask(`arn:aws:sqs:${REGION}:999999999999:q`)).toBe("conditional");
  });

  // reference_policies_condition-keys.html, aws:ResourceOrgPaths: "Value type – Multivalued … You must use the
  // ForAnyValue or ForAllValues set operators"; ListParents gives the account's path, the key's one value.
  it("aws:ResourceOrgPaths of the account's own resource is its path from ListParents, under ForAnyValue and ForAllValues", () => {
    const ask = (statements: unknown[], resource: string) =>
      roleWith([{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }, ...statements], { ous: ["ou-a1b2-11111111"] }).ask("sqs:SendMessage", resource);
    const own = `arn:aws:sqs:${REGION}:${ACCOUNT}:q`;
    const other = `arn:aws:sqs:${REGION}:999999999999:q`;
    const outsideOu = (set: string) => [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { [`${set}:StringNotLike`]: { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-a1b2/ou-a1b2-11111111/*" } } }];
    const inOtherOu = (set: string) => [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { [`${set}:StringLike`]: { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-a1b2/ou-a1b2-22222222/*" } } }];
    for (const set of ["ForAnyValue", "ForAllValues"]) {
      // The path is o-a1b2c3d4e5/r-a1b2/ou-a1b2-11111111/: inside the OU, so neither Deny applies; another account's path
      // is not in the snapshot, so there both are conditional.
      expect(ask(outsideOu(set), own)).toBe("allowed");
      expect(ask(inOtherOu(set), own)).toBe("allowed");
      expect(ask(outsideOu(set), other)).toBe("conditional");
    }
    // A Deny on the account's own OU refuses under either set operator: the path is there, and matches.
    const inOwnOu = (set: string) => [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { [`${set}:StringLike`]: { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-a1b2/ou-a1b2-11111111/*" } } }];
    expect(ask(inOwnOu("ForAnyValue"), own)).toBe("explicitly-denied");
    expect(ask(inOwnOu("ForAllValues"), own)).toBe("explicitly-denied");
    // ForAnyValue over an absent key is false, ForAllValues true: another account's unknown path keeps both open.
    expect(ask(inOtherOu("ForAllValues"), other)).toBe("conditional");
    expect(ask(inOwnOu("ForAnyValue"), other)).toBe("conditional");
  });

  it("aws:userid names the function's session, and is unknown when no function is asked about", () => {
    const { model, role, allowed, other } = roleWith([
      { Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" },
      { Effect: "Deny", Action: "dynamodb:*", Resource: "*", Condition: { StringNotLike: { "aws:userid": "*:allowedfn" } } },
    ]);
    const query = { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t` };
    expect(canRole(model, role, query, allowed).decision).toBe("allowed");
    expect(canRole(model, role, query, other).decision).toBe("explicitly-denied");
    expect(canRole(model, role, query).decision).toBe("conditional");
    expect(roleDecision(model, role, query)).toBe("conditional");
  });
});

describe("function policies naming a role session (assumed-role ARN)", () => {
  function setup(statement: Record<string, unknown>, boundary = false) {
    const b = newBuilder();
    const role = b.role({
      name: "caller",
      path: "/service-role/",
      inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }, ...(boundary ? [] : [{ Effect: "Allow", Action: "lambda:*", Resource: "*" }])] } as never },
      ...(boundary ? { boundary: b.managedPolicy({ name: "bound", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }] } as never }) } : {}),
    });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role });
    b.fn({ region: REGION, name: "other", runtime: "nodejs20.x", role });
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
    b.resourcePolicy(target, { Version: "2012-10-17", Statement: [{ Resource: target, Action: "lambda:InvokeFunction", ...statement } as never] });
    const model = modelOf(b);
    const fn = (name: string) => model.functions.find((f) => f.name === name)!;
    const ask = (from?: string) => canRole(model, fn("worker").role!, { action: "lambda:InvokeFunction", resource: target }, from ? fn(from) : undefined);
    return { ask, decide: (from?: string) => roleDecision(model, fn("worker").role!, { action: "lambda:InvokeFunction", resource: target }, from ? fn(from) : undefined) };
  }
  const session = (name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/caller/${name}`;

  it("a Deny naming the function's own session applies to it, not to the role's other functions; unknown without a function", () => {
    const { ask, decide } = setup({ Effect: "Deny", Principal: { AWS: session("worker") } });
    expect(ask("worker").decision).toBe("explicitly-denied");
    expect(ask("other").decision).toBe("allowed");
    const unknown = ask();
    expect(unknown.decision).toBe("conditional");
    expect(unknown.unknownKeys).toContain("aws:userid");
    expect([decide("worker"), decide("other"), decide()]).toEqual(["explicitly-denied", "allowed", "conditional"]);
  });

  it("an Allow naming the session grants it in the same account even where the boundary does not (like a user ARN)", () => {
    const { ask, decide } = setup({ Effect: "Allow", Principal: { AWS: session("worker") } }, true);
    expect(ask("worker").decision).toBe("allowed");
    expect(ask("other").decision).toBe("implicitly-denied");
    expect(decide("worker")).toBe("allowed");
  });

  it("an Allow naming the session is not allowed outright when the boundary cannot be read: a Deny there would still refuse it", () => {
    const b = newBuilder();
    const role = b.role({ name: "caller", boundary: `arn:aws:iam::${ACCOUNT}:policy/not-in-snapshot` });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role });
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
    b.resourcePolicy(target, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: session("worker") }, Action: "lambda:InvokeFunction", Resource: target }] });
    const model = modelOf(b);
    const worker = model.functions.find((f) => f.name === "worker")!;
    const query = { action: "lambda:InvokeFunction", resource: target };
    const answer = canRole(model, worker.role!, query, worker);
    expect(answer.decision, answer.reasons.join("\n")).toBe("conditional");
    expect(answer.unreadBoundary).toBe(true);
    expect(roleDecision(model, worker.role!, query, worker)).toBe("conditional");
  });

  it("a Deny with NotPrincipal listing another session (and the account) still denies the caller", () => {
    const { ask } = setup({ Effect: "Deny", NotPrincipal: { AWS: [session("other"), `arn:aws:iam::${ACCOUNT}:root`] } });
    expect(ask("worker").decision).toBe("explicitly-denied");
    // The listed session's own caller: AWS checks the account, then the role (not listed), then the session, and
    // "might" deny it (reference_policies_elements_notprincipal): unknown, not allowed.
    expect(ask("other").decision).toBe("conditional");
  });

  it("a Deny with NotPrincipal spares a session of the role only when it lists the account, the role and that session", () => {
    // AWS's Knowledge Center (explicit-deny-principle-elements-s3): "you must list the role session name of every user
    // and every instance ID that will be assuming the role"; the role's ARN alone spares none of its sessions.
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/service-role/caller`;
    const roleOnly = setup({ Effect: "Deny", NotPrincipal: { AWS: [roleArn, `arn:aws:iam::${ACCOUNT}:root`] } });
    expect(roleOnly.ask("worker").decision).toBe("explicitly-denied");
    expect(roleOnly.ask("other").decision).toBe("explicitly-denied");
    const withSession = setup({ Effect: "Deny", NotPrincipal: { AWS: [session("worker"), roleArn, `arn:aws:iam::${ACCOUNT}:root`] } });
    expect(withSession.ask("worker").decision).toBe("allowed");
    expect(withSession.ask("other").decision).toBe("explicitly-denied");
  });
});

describe("a target fn:$LATEST with a function policy (checked against the function's policy)", () => {
  it("roleDecision answers what canRole answers, on the function and on :$LATEST", () => {
    const b = newBuilder();
    const role = b.role({ name: "caller", inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }] } as never } });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role });
    const denied = b.fn({ region: REGION, name: "denied", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
    const open = b.fn({ region: REGION, name: "open", runtime: "nodejs20.x", role: b.role({ name: "u" }) });
    b.resourcePolicy(denied, { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: { AWS: role }, Action: "lambda:InvokeFunction", Resource: denied }] });
    b.resourcePolicy(open, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: role }, Action: "lambda:InvokeFunction", Resource: open }] });
    const model = modelOf(b);
    const worker = model.functions.find((f) => f.name === "worker")!;
    const answers = [denied, open].flatMap((t) => [t, `${t}:$LATEST`]).map((resource) => {
      const q = { action: "lambda:InvokeFunction", resource };
      return [canRole(model, worker.role!, q, worker).decision, roleDecision(model, worker.role!, q, worker)];
    });
    expect(answers).toEqual([
      ["explicitly-denied", "explicitly-denied"],
      ["explicitly-denied", "explicitly-denied"],
      ["allowed", "allowed"],
      ["allowed", "allowed"],
    ]);
  });
});

describe("canRole on sts:AssumeRole of a role the snapshot holds: its trust policy answers too", () => {
  const target = (trust: unknown) => {
    const b = newBuilder();
    const caller = b.role({ name: "caller", inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession", "iam:GetRole"], Resource: "*" }] } as never } });
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: caller });
    const other = b.role({ name: "target", ...(trust === "unread" ? {} : { trust: trust as never }) });
    const model = modelOf(b);
    if (trust === "unread") {
      const role = model.roles.get(other)!;
      delete role.trust;
      role.trustUnreadable = "trust policy: not in the snapshot";
    }
    const ask = (action = "sts:AssumeRole") => canRole(model, model.roles.get(`arn:aws:iam::${ACCOUNT}:role/caller`)!, { action, resource: other });
    return { ask, other };
  };
  const trusting = (principal: unknown) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });

  it("an identity grant on * does not assume a role whose trust policy lets only Lambda in", () => {
    const { ask, other } = target(trusting({ Service: "lambda.amazonaws.com" }));
    const answer = ask();
    expect(answer.decision).toBe("implicitly-denied");
    expect(answer.reasons.join(" ")).toContain(`the trust policy of ${other} neither allows the caller`);
  });

  it("a trust policy naming the account lets the identity grant count; one naming another role does not", () => {
    expect(target(trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` })).ask().decision).toBe("allowed");
    expect(target(trusting({ AWS: `arn:aws:iam::${ACCOUNT}:role/someone-else` })).ask().decision).toBe("implicitly-denied");
  });

  it("an unread trust policy leaves the answer open, never allowed on the identity grant alone", () => {
    const answer = target("unread").ask();
    expect(answer.decision).toBe("conditional");
    expect(answer.reasons.join(" ")).toContain("could not read the trust policy of");
  });

  it("asks only the trust policy's own STS calls of a role: another action on a role ARN is the identity policies' alone", () => {
    const { ask } = target(trusting({ Service: "lambda.amazonaws.com" }));
    expect(ask("iam:GetRole").decision).toBe("allowed");
    expect(ask("sts:TagSession").decision).toBe("implicitly-denied");
  });
});
