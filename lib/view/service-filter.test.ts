/**
 * The graph's Service filter and roles that allow every action: "which functions can reach Secrets Manager" must
 * name the functions whose role may do anything (Action "*", NotAction), not only those naming the service.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot, readSnapshotFile } from "@/lib/snapshot/read";
import { REGION, newBuilder } from "@/lib/analysis/test-support";
import { buildGraphModel } from "./graph-model";
import { reachCoversService } from "./service";
import { indexGraph, selectVisibleGraph, type GraphFilters } from "./visible-graph";

const none: GraphFilters = { severities: [], services: [], regions: [], onlyFindings: false, focus: null, limit: 40 };
const fnNames = (nodes: { kind: string; label: string; aliasOf?: string }[]) =>
  nodes.filter((n) => n.kind === "function" && !n.aliasOf).map((n) => n.label).sort();

/** One function per role, each role one Allow statement on every resource. */
function account() {
  const b = newBuilder();
  const roles: Record<string, Record<string, unknown>> = {
    admin: { Action: "*" },
    "all-but-secrets": { NotAction: "secretsmanager:*" },
    "all-but-reading-secrets": { NotAction: "secretsmanager:Get*" },
    "reads-secrets": { Action: "secretsmanager:Get*" },
    "sends-messages": { Action: "sqs:SendMessage" },
  };
  for (const [name, grant] of Object.entries(roles)) {
    const role = b.role({ name, inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*", ...grant }] } } });
    b.fn({ region: REGION, name: `fn-${name}`, runtime: "nodejs20.x", role });
  }
  return indexGraph(buildGraphModel(analyzeSnapshot(parseSnapshot(b.build()))));
}

describe("service filter and reaches of every action", () => {
  const idx = account();

  it("a role allowed every action matches every service its NotAction leaves some action of", () => {
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["secretsmanager"] }).nodes)).toEqual([
      "fn-admin",
      "fn-all-but-reading-secrets",
      "fn-reads-secrets",
    ]);
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["sqs"] }).nodes)).toEqual([
      "fn-admin",
      "fn-all-but-reading-secrets",
      "fn-all-but-secrets",
      "fn-sends-messages",
    ]);
    // A service the snapshot's filter list does not offer (a shared link) is reachable all the same.
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["ec2"] }).nodes)).toEqual(["fn-admin", "fn-all-but-reading-secrets", "fn-all-but-secrets"]);
  });

  it("draws the every-action node with the functions it lets through, named for what it is", () => {
    const v = selectVisibleGraph(idx, { ...none, services: ["secretsmanager"] });
    const every = v.nodes.find((n) => n.kind === "resource" && n.allServices);
    expect(every?.label).toBe("all services · all resources");
    // Both NotAction roles point at the one node; only the edge of the role that leaves Secrets Manager some action is drawn.
    const into = v.edges.filter((e) => e.target === every?.id).map((e) => e.source);
    expect(into.some((id) => id.endsWith("role/all-but-secrets"))).toBe(false);
    expect(into.some((id) => id.endsWith("role/admin"))).toBe(true);
  });

  it("says on the edge what a NotAction leaves out (the node is shared)", () => {
    const edge = idx.model.edges.find((e) => e.source.endsWith("role/all-but-secrets") && e.kind === "can-access");
    expect(edge?.label).toBe("Full access except secretsmanager:*");
  });

  it("a NotAction leaves out a whole service only with a pattern that matches every action of it", () => {
    expect(reachCoversService("secretsmanager")).toBe(true);
    for (const whole of ["secretsmanager:*", "SecretsManager:*", "*", "secrets*", "*:*", "*Secret*", "secretsmanager:**"]) {
      expect(reachCoversService("secretsmanager", [whole]), whole).toBe(false);
    }
    for (const part of ["secretsmanager:Get*", "*:Get*", "secretsmanager:GetSecretValue", "secretsmanager:?", "sqs:*", "s3*"]) {
      expect(reachCoversService("secretsmanager", [part]), part).toBe(true);
    }
    expect(reachCoversService("sqs", ["logs:DeleteLogGroup", "s*"])).toBe(false);
  });
});

describe("demo snapshot", async () => {
  const idx = indexGraph(buildGraphModel(analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")))));

  it("Secrets Manager and IAM include the two roles that allow * on *, IAM also the functions an IAM role or user invokes", () => {
    const admins = ["ops-admin-toolkit", "support-ticket-router"];
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["secretsmanager"] }).nodes)).toEqual([...admins, "erp-bridge-consumer"].sort());
    // fraud-scorer: a Step Functions role invokes it through its identity policy (an IAM role among its invokers);
    // ledger-api: its Deny names lambda:InvokeFunction only, so the admin roles still invoke it through InvokeAsync;
    // checkout-api and cart-api: the CI deploy user invokes them through its group's policy;
    // deploy-hook: ci-artifact-deployer-role invokes it after a deploy;
    // internal-reports and pricing-engine: a role invokes their alias prod or version 28 (alias nodes come with them).
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["iam"] }).nodes).filter((n) => !n.includes(":"))).toEqual(
      [...admins, "cart-api", "checkout-api", "ci-artifact-deployer", "deploy-hook", "fraud-scorer", "internal-reports", "ledger-api", "pricing-engine"].sort(),
    );
  });

  it("the aggregated view names the every-action group, not 'other'", () => {
    const v = selectVisibleGraph(idx, { ...none, limit: 25 });
    expect(v.aggregated).toBe(true);
    const labels = v.nodes.filter((n) => n.kind === "resource").map((n) => n.label);
    expect(labels).toContain("all services · 1 resource");
    expect(labels.some((l) => l.startsWith("other"))).toBe(false);
  });
});

describe("service filter: reaches several statements make, and every action on one service's resource", () => {
  function rolesAccount(roles: Record<string, Record<string, unknown>[]>) {
    const b = newBuilder();
    for (const [name, statements] of Object.entries(roles)) {
      const role = b.role({ name, inline: { p: { Version: "2012-10-17", Statement: statements.map((st) => ({ Effect: "Allow", Resource: "*", ...st })) } } });
      b.fn({ region: REGION, name: `fn-${name}`, runtime: "nodejs20.x", role });
    }
    return indexGraph(buildGraphModel(analyzeSnapshot(parseSnapshot(b.build()))));
  }

  it("two NotAction statements that together allow everything match the services each leaves out", () => {
    const idx = rolesAccount({ both: [{ NotAction: "iam:*" }, { NotAction: "s3:*" }], starAndNot: [{ Action: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }, { NotAction: "iam:*" }] });
    for (const service of ["iam", "s3"]) {
      expect(fnNames(selectVisibleGraph(idx, { ...none, services: [service] }).nodes), service).toEqual(["fn-both", "fn-starAndNot"]);
    }
  });

  it("every action on one bucket reaches S3 only", () => {
    const idx = rolesAccount({ bucket: [{ Action: "*", Resource: ["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"] }] });
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["s3"] }).nodes)).toEqual(["fn-bucket"]);
    expect(fnNames(selectVisibleGraph(idx, { ...none, services: ["secretsmanager"] }).nodes)).toEqual([]);
  });
});
