import { describe, expect, it } from "vitest";
import { TITLE_MAX } from "./headline";
import { needsFinding, type NeedOutcome } from "./role-needs";
import { builder, contextOf, REGION } from "./test-support";

/** A role with no policies, asked for each action: every need is unmet, denied outright or (with an assumption) maybe. */
function outcomesFor(actions: string[], assumption?: string): { fn: ReturnType<typeof contextOf>["model"]["functions"][number]; outcomes: NeedOutcome[] } {
  const b = builder();
  b.fn({ region: REGION, name: "etl", runtime: "nodejs22.x", role: b.role({ name: "etl-role" }) });
  const ctx = contextOf(b);
  const fn = ctx.model.functions[0]!;
  const outcomes = actions.map((action): NeedOutcome => {
    const resource = "*";
    const result = ctx.can(fn, { action, resource })!;
    return { need: { action, resources: [resource], assumption }, action, resource, decision: "implicitly-denied", result };
  });
  return { fn, outcomes };
}

const EC2 = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"];
const KAFKA = ["kafka-cluster:Connect", "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"];

function titleAndDetail(missing: string[], uncertain: string[], subject = "Self-managed Kafka trigger") {
  const a = outcomesFor(missing);
  const u = outcomesFor(uncertain, "if the cluster uses IAM authentication");
  const f = needsFinding({
    rule: "event-source-missing-permissions",
    severity: "high",
    fn: a.fn,
    subject,
    outcomes: [...a.outcomes, ...u.outcomes],
    intro: "",
    impact: "",
    context: [],
  });
  return { title: f?.title ?? "", detail: f?.detail ?? "" };
}

describe("needsFinding titles", () => {
  it("names every action when the names fit", () => {
    expect(titleAndDetail(EC2.slice(0, 2), []).title).toBe("Self-managed Kafka trigger lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces");
  });

  it("writes each service once when the full names do not fit", () => {
    expect(titleAndDetail(EC2.slice(0, 4), [], "VPC function").title).toBe(
      "VPC function lacks ec2:CreateNetworkInterface, DescribeNetworkInterfaces, DeleteNetworkInterface, DescribeVpcs",
    );
  });

  it("then keeps the actions lacking outright, counts the uncertain ones, and the detail names them all", () => {
    const { title, detail } = titleAndDetail(EC2, KAFKA);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title).toBe("Self-managed Kafka trigger lacks ec2:CreateNetworkInterface, DescribeNetworkInterfaces and 4 more; may lack 5 more");
    for (const action of [...EC2, ...KAFKA]) expect(detail).toContain(`${action} on *`);
    expect(detail).toContain("(needed if the cluster uses IAM authentication)");
  });
});
