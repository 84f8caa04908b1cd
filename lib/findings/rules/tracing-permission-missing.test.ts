import { describe } from "vitest";
import { builder, REGION, testRuleCases, type RuleCase } from "../test-support";
import { tracingPermissionMissing } from "./tracing-permission-missing";

type B = ReturnType<typeof builder>;

function fnWith(role: (b: B) => string, tracing: "Active" | "PassThrough" = "Active") {
  const b = builder();
  b.fn({ region: REGION, name: "traced", runtime: "nodejs22.x", role: role(b), tracing });
  return b;
}

const cases: RuleCase[] = [
  {
    name: "active tracing with AWSXRayDaemonWriteAccess: fine",
    build: () => fnWith((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSXRayDaemonWriteAccess")] })),
    titles: [],
  },
  {
    name: "active tracing without X-Ray permissions",
    build: () => fnWith((b) => b.role({ name: "r" })),
    titles: ["Active tracing lacks xray:PutTraceSegments, xray:PutTelemetryRecords"],
    severities: ["low"],
  },
  { name: "PassThrough: nothing to check", build: () => fnWith((b) => b.role({ name: "r" }), "PassThrough"), titles: [] },
  {
    // Snapshots from older scans or other tools may leave TracingConfig out: no Active mode, nothing to check.
    name: "no TracingConfig at all: nothing to check",
    build: () => fnWith((b) => b.role({ name: "r" }), "PassThrough"),
    patch: (s) => {
      for (const region of Object.values(s.regions ?? {})) for (const f of region.ListFunctions?.Functions ?? []) delete f.TracingConfig;
    },
    titles: [],
  },
];

describe("tracing-permission-missing", () => {
  testRuleCases(tracingPermissionMissing, cases);
});
