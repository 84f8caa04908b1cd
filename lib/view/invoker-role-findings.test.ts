import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { buildGraphModel } from "./graph-model";
import { findingIdsOf } from "./finding-ids";

function report() {
  const b = newBuilder();
  const target = b.fn({ region: REGION, name: "target", runtime: "nodejs20.x", role: b.role({ name: "target-role" }) });
  const admin = b.role({
    name: "ops-role",
    inline: {
      // A whole service on everything (role-service-wildcard); admin access would make it an account-wide invoker,
      // listed apart and not drawn.
      wide: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
      call: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: target }] },
    },
  });
  b.fn({ region: REGION, name: "ops", runtime: "nodejs20.x", role: admin });
  return { report: analyzeSnapshot(parseSnapshot(b.build())), admin };
}

describe("an execution role that also invokes functions", () => {
  it("carries its role findings on its invoker node as on its execution-role node", () => {
    const { report: r, admin } = report();
    const model = buildGraphModel(r);
    const roleNode = model.nodes.find((n) => n.kind === "role" && n.ref === admin);
    const invokerNode = model.nodes.find((n) => n.kind === "principal" && n.principalType === "role" && n.ref === admin);
    expect(findingIdsOf(model, roleNode?.id ?? "").length).toBeGreaterThan(0);
    expect(findingIdsOf(model, invokerNode?.id ?? "")).toEqual(findingIdsOf(model, roleNode?.id ?? ""));
    expect(invokerNode?.badge).toEqual(roleNode?.badge);
  });

  it("leaves other invokers without findings", () => {
    const model = buildGraphModel(report().report);
    const others = model.nodes.filter((n) => n.kind === "principal" && n.principalType !== "role");
    expect(others.every((n) => findingIdsOf(model, n.id).length === 0)).toBe(true);
  });
});
