import { describe, expect, it } from "vitest";
import { captureDayUtc } from "./capture-day";

describe("the UTC day of a capture time", () => {
  it("is the written day for a time in UTC, with or without seconds", () => {
    expect(captureDayUtc("2026-11-20T09:30:00Z")).toBe("2026-11-20");
    expect(captureDayUtc("2026-11-20T23:59:59.999Z")).toBe("2026-11-20");
    expect(captureDayUtc("2026-11-20T00:00Z")).toBe("2026-11-20");
  });

  it("moves to the day before or after when the zone puts the instant there", () => {
    expect(captureDayUtc("2025-12-14T22:00:00-05:00")).toBe("2025-12-15");
    expect(captureDayUtc("2025-12-15T01:00:00+05:00")).toBe("2025-12-14");
    expect(captureDayUtc("2025-12-15T04:59+0530")).toBe("2025-12-14");
    // Across a month, a year and a leap day.
    expect(captureDayUtc("2026-12-31T20:00:00-04:00")).toBe("2027-01-01");
    expect(captureDayUtc("2028-03-01T02:00:00+03:00")).toBe("2028-02-29");
  });

  it("reads a time with no zone as UTC, whatever the machine's zone", () => {
    expect(captureDayUtc("2026-11-20T23:30:00")).toBe("2026-11-20");
    expect(captureDayUtc("2026-11-20T00:10")).toBe("2026-11-20");
  });

  it("falls back to the written day for text that is no date-time", () => {
    expect(captureDayUtc("2026-11-20")).toBe("2026-11-20");
  });
});
