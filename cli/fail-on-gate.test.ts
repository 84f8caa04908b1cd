/** The --fail-on verdict analyze and compare share: where it is said, whatever the format. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { failOnGate, type GateInput } from "./fail-on-gate";

const input = (over: Partial<GateInput>): GateInput => ({
  failOn: "high", allowUnknown: false, hits: 0, hitWord: "finding", unread: 0, unreadWord: "data-unavailable finding", ...over,
});

function said(g: GateInput): { code: number; stderr: string[] } {
  const lines: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => {
    throw new Error("the gate wrote to stdout, which carries the report");
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    return { code: failOnGate(g).code, stderr: lines.join("").trimEnd().split("\n") };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("failOnGate", () => {
  it("says the verdict itself as the last line on stderr, never on stdout, so every format's report is left whole", () => {
    expect(said(input({ hits: 2 }))).toEqual({ code: 2, stderr: ["2 finding(s) at or above high", "exit 2: 2 findings at or above high"] });
    expect(said(input({})).stderr).toEqual(["exit 0: no finding at or above high; nothing left unknown"]);
    const allowed = said(input({ unread: 1, allowUnknown: true }));
    expect(allowed.code).toBe(0);
    expect(allowed.stderr.at(-1)).toBe("exit 0: no finding at or above high; 1 data-unavailable finding let through (--allow-unknown)");
  });
});
