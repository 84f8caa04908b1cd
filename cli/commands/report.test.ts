import { describe, expect, it } from "vitest";
import type { AnalysisReport, FunctionReport } from "@/lib/analysis/types";
import { findChromium } from "@/lib/report-png/chromium";
import { tmpdir } from "node:os";
import path from "node:path";
import { functionNodeId, reportCommand } from "./report";
import { serveCommand } from "./serve";

const fn = (name: string, region: string): FunctionReport => ({
  arn: `arn:aws:lambda:${region}:123456789012:function:${name}`, name, region, role: "r", invokers: [], reaches: [], unknown: [],
});
const report = { functions: [fn("orders", "us-east-1"), fn("dup", "us-east-1"), fn("dup", "eu-west-1")] } as AnalysisReport;

describe("report --function", () => {
  it("resolves a name or an ARN to the function's graph node", () => {
    expect(functionNodeId(report, "orders")).toBe("fn:arn:aws:lambda:us-east-1:123456789012:function:orders");
    expect(functionNodeId(report, "arn:aws:lambda:eu-west-1:123456789012:function:dup")).toBe("fn:arn:aws:lambda:eu-west-1:123456789012:function:dup");
  });
  it("asks for the ARN when a name is in several regions, and names a missing function", () => {
    expect(() => functionNodeId(report, "dup")).toThrow(/names 2 functions; give the ARN: arn:aws:lambda:us-east-1.*dup, arn:aws:lambda:eu-west-1.*dup/);
    expect(() => functionNodeId(report, "nope")).toThrow(/--function nope: no function with that name or ARN/);
  });
});

describe("findChromium", () => {
  it("uses CHROMIUM_PATH, else Debian's chromium, and says what to do when none exists", () => {
    expect(findChromium({ CHROMIUM_PATH: "/opt/c" }, (p) => p === "/opt/c" || p === "/usr/bin/chromium")).toBe("/opt/c");
    expect(findChromium({}, (p) => p === "/usr/bin/chromium")).toBe("/usr/bin/chromium");
    expect(() => findChromium({}, () => false)).toThrow(/apt-get install -y chromium.*CHROMIUM_PATH/);
    expect(() => findChromium({ CHROMIUM_PATH: "/missing" }, () => false)).toThrow(/CHROMIUM_PATH is \/missing, which does not exist/);
  });

  it("refuses a CHROMIUM_PATH that does not exist even when Debian's chromium does: the user chose that binary", () => {
    expect(() => findChromium({ CHROMIUM_PATH: "/opt/typo" }, (p) => p === "/usr/bin/chromium")).toThrow(/CHROMIUM_PATH is \/opt\/typo, which does not exist.*unset it/);
  });
});

describe("report and serve of - (standard input, which only analyze and can read)", () => {
  it("is a user error saying to save the snapshot to a file, not \"<cwd>/-: cannot read (no such file)\"", async () => {
    await expect(reportCommand("-", { png: path.join(tmpdir(), "lpg-never.png") })).rejects.toThrow(
      "report reads a snapshot file, not standard input (-): save the snapshot to a file first (scan --out snapshot.json.gz)",
    );
    await expect(serveCommand("-", {})).rejects.toThrow(
      "serve reads a snapshot file, not standard input (-): save the snapshot to a file first (scan --out snapshot.json.gz)",
    );
  });
});
