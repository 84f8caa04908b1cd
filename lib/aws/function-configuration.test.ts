/**
 * GetFunctionConfiguration through the real SDK against the local endpoint: the state AWS reports is stored per
 * function, environment values never are, and a failed read is an error naming the function.
 */
import { describe, expect, it } from "vitest";
import { scanAccount } from "./collect";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { builder, REGION } from "@/lib/findings/test-support";
import { analyzeSnapshot } from "@/lib/analysis/analyze";

const serve = useLocalEndpoint();

const REASON = "The provided execution role does not have permissions to call CreateNetworkInterface on EC2";

function account() {
  const b = builder();
  const role = b.role({ name: "r" });
  const failed = b.fn({ region: REGION, name: "migrator", runtime: "python3.13", role, env: ["DB_PASSWORD"] });
  const fine = b.fn({ region: REGION, name: "fine", runtime: "python3.13", role });
  b.functionState(failed, { State: "Failed", StateReasonCode: "InsufficientRolePermissions", StateReason: REASON, LastUpdateStatus: "Failed" });
  return { b, failed, fine };
}

describe("GetFunctionConfiguration in the scan", () => {
  it("stores each function's answer with the state AWS reports, once per function, environment values redacted", async () => {
    const { b, failed, fine } = account();
    const input = b.build();
    // The endpoint serves what AWS would: the function's environment with its values.
    const listed = input.regions![REGION]!.GetFunctionConfiguration![failed]!;
    listed.Environment = { Variables: { DB_PASSWORD: "hunter2-in-the-answer" } };
    const ep = await serve(input);
    const { snapshot, stats } = await scanAccount({ regions: [REGION] });
    const answers = snapshot.regions[REGION]!.GetFunctionConfiguration!;
    expect(Object.keys(answers).sort()).toEqual([failed, fine].sort());
    expect(answers[failed]).toMatchObject({ State: "Failed", StateReasonCode: "InsufficientRolePermissions", StateReason: REASON, LastUpdateStatus: "Failed" });
    expect(answers[fine]).toMatchObject({ State: "Active", LastUpdateStatus: "Successful" });
    expect(JSON.stringify(snapshot)).not.toContain("hunter2-in-the-answer");
    expect((answers[failed] as { Environment?: unknown }).Environment).toEqual({ Variables: { DB_PASSWORD: "<redacted>" } });
    expect(stats.callsByOperation.GetFunctionConfiguration).toBe(2);
    expect(ep.calls.filter((c) => c.operation === "GetFunctionConfiguration").map((c) => c.target).sort()).toEqual([failed, fine].sort());
  });

  it("a denied read is an error naming the function, whose state is then unknown; the rest of the scan goes on", async () => {
    const { b, failed, fine } = account();
    await serve(b.build(), { faults: { accessDenied: [{ operation: "GetFunctionConfiguration", target: failed }] } });
    const { snapshot } = await scanAccount({ regions: [REGION] });
    expect(snapshot.errors.map((e) => [e.operation, e.target, e.code])).toEqual([["GetFunctionConfiguration", failed, "AccessDeniedException"]]);
    expect(Object.keys(snapshot.regions[REGION]!.GetFunctionConfiguration!)).toEqual([fine]);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === failed)?.unknown).toContain("GetFunctionConfiguration: AccessDeniedException");
    expect(report.findings.filter((f) => f.rule === "function-state-failed")).toEqual([]);
  });

  it("throttling is retried like every other call: the answers arrive whole", async () => {
    const { b, failed } = account();
    await serve(b.build(), { faults: { throttleRate: 0.3, seed: 3 } });
    const { snapshot, stats } = await scanAccount({ regions: [REGION] });
    expect(snapshot.errors).toEqual([]);
    expect(stats.retried).toBeGreaterThan(0);
    expect(snapshot.regions[REGION]!.GetFunctionConfiguration![failed]).toMatchObject({ State: "Failed" });
  });
});
