import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCaptureTime } from "./capture-time";

describe("formatCaptureTime", () => {
  // A machine far from UTC (UTC+14): a time read in the machine's zone moves by most of a day.
  const machineZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "Pacific/Kiritimati";
  });
  afterAll(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it("shows the instant in UTC, to the minute, with its zone", () => {
    expect(formatCaptureTime("2026-11-20T09:30:00Z")).toBe("2026-11-20 09:30 UTC");
    expect(formatCaptureTime("2026-11-20T09:30:59.999Z")).toBe("2026-11-20 09:30 UTC");
    expect(formatCaptureTime("2026-11-19T22:00:00-05:00")).toBe("2026-11-20 03:00 UTC");
    expect(formatCaptureTime("2026-11-20T04:00+0530")).toBe("2026-11-19 22:30 UTC");
  });

  it("reads a time with no zone as UTC, as the analysis does, not in the machine's zone", () => {
    expect(formatCaptureTime("2026-11-20T09:30:00")).toBe("2026-11-20 09:30 UTC");
    expect(formatCaptureTime("2026-11-20T23:30")).toBe("2026-11-20 23:30 UTC");
  });

  it("shows text that is no date-time as it is", () => {
    expect(formatCaptureTime("yesterday")).toBe("yesterday");
  });
});
