import { describe, expect, it } from "vitest";
import { ANNOUNCE_EVERY_MS, progressLine, progressPercent, progressText, scanAnnouncement, scannedLine, type ScanProgressView } from "./progress";

const p = (over: Partial<ScanProgressView>): ScanProgressView => ({ regionsTotal: 2, regionsDone: 0, functionsTotal: 0, functionsDone: 0, calls: 0, errors: 0, ...over });

describe("progressLine", () => {
  it("says what is not known yet instead of 0/0", () => {
    expect(progressLine(p({ regionsTotal: 0 }))).toBe("listing functions… · listing regions…");
    expect(progressLine(p({}))).toBe("listing functions… · 0/2 regions");
    expect(progressText(p({ calls: 1 }))).toBe("listing functions… · 0/2 regions · 1 calls · 0 errors");
  });

  it("counts functions and regions, and failed calls once there are any", () => {
    expect(progressLine(p({ functionsTotal: 10, functionsDone: 2 }))).toBe("2/10 functions · 0/2 regions");
    expect(progressLine(p({ functionsTotal: 20, functionsDone: 11, regionsDone: 1, errors: 1 }))).toBe("11/20 functions · 1/2 regions · 1 call failed");
    // An account with no functions, every region done: a known zero.
    expect(progressLine(p({ regionsDone: 2, errors: 3 }))).toBe("0/0 functions · 2/2 regions · 3 calls failed");
  });
});

describe("IAM read after the regions (accountWideDone)", () => {
  it("holds the bar below 100 % and says IAM is being read, not that the scan is done", () => {
    const regionsRead = p({ regionsDone: 2, functionsTotal: 40, functionsDone: 40, calls: 90 });
    expect(progressPercent({ ...regionsRead, accountWideDone: false })).toBe(99);
    expect(progressLine({ ...regionsRead, accountWideDone: false })).toBe("reading IAM… · 40/40 functions · 2/2 regions");
    expect(progressText({ ...regionsRead, accountWideDone: false })).toBe("reading IAM… · 40/40 functions · 2/2 regions · 90 calls · 0 errors");
    // An account without functions is still a known zero, not "listing functions…".
    expect(progressLine(p({ regionsDone: 2, accountWideDone: false }))).toBe("reading IAM… · 0/0 functions · 2/2 regions");
    expect(progressPercent({ ...regionsRead, accountWideDone: true })).toBe(100);
    expect(progressLine({ ...regionsRead, accountWideDone: true })).toBe("40/40 functions · 2/2 regions");
    // Before the regions are done IAM is not the step running, whatever its state.
    expect(progressLine(p({ regionsDone: 1, functionsTotal: 4, functionsDone: 1, accountWideDone: false }))).toBe("1/4 functions · 1/2 regions");
  });

  it("a progress without the field (an older job's) reads as IAM done", () => {
    expect(progressPercent(p({ regionsDone: 2 }))).toBe(100);
  });

  it("is announced at once when it starts and when it ends: the text would otherwise name a step that is over", () => {
    const reading = scanAnnouncement(null, p({ regionsDone: 2, functionsTotal: 3, functionsDone: 3, accountWideDone: false }), 0);
    expect(reading.text).toBe("Scan running: reading IAM… · 3/3 functions · 2/2 regions");
    expect(scanAnnouncement(reading, p({ regionsDone: 2, functionsTotal: 3, functionsDone: 3, accountWideDone: true }), 1).text).toBe("Scan progress: 3/3 functions · 2/2 regions");
  });
});

describe("scanAnnouncement", () => {
  it("says the start at once, then new counts no more often than every ANNOUNCE_EVERY_MS", () => {
    const first = scanAnnouncement(null, p({ functionsTotal: 10, functionsDone: 1 }), 1_000);
    expect(first).toMatchObject({ text: "Scan running: 1/10 functions · 0/2 regions", at: 1_000 });
    const later = p({ functionsTotal: 10, functionsDone: 4, errors: 2 });
    expect(scanAnnouncement(first, later, 1_000 + ANNOUNCE_EVERY_MS - 1)).toBe(first);
    expect(scanAnnouncement(first, later, 1_000 + ANNOUNCE_EVERY_MS)).toMatchObject({ text: "Scan progress: 4/10 functions · 0/2 regions · 2 calls failed", at: 1_000 + ANNOUNCE_EVERY_MS });
  });

  it("keeps an unchanged text as it was, so the next change is said as soon as it comes", () => {
    const start = scanAnnouncement(null, p({ functionsTotal: 10, functionsDone: 1 }), 0);
    const said = scanAnnouncement(start, p({ functionsTotal: 10, functionsDone: 4 }), ANNOUNCE_EVERY_MS);
    expect(said.text).toBe("Scan progress: 4/10 functions · 0/2 regions");
    expect(scanAnnouncement(said, p({ functionsTotal: 10, functionsDone: 4 }), 3 * ANNOUNCE_EVERY_MS)).toBe(said);
  });

  it("never goes on naming a step that is over: a list read or storing begun is said at once, with the counts of then", () => {
    // The audit: "listing functions… · listing regions…" was still said while the bar showed 44/50 and 0/1.
    const start = scanAnnouncement(null, p({ regionsTotal: 0 }), 0);
    expect(start.text).toBe("Scan running: listing functions… · listing regions…");
    const regions = scanAnnouncement(start, p({ regionsTotal: 1 }), 500);
    expect(regions).toMatchObject({ text: "Scan progress: listing functions… · 0/1 regions", at: 500 });
    const functions = scanAnnouncement(regions, p({ regionsTotal: 1, functionsTotal: 50, functionsDone: 44 }), 1_000);
    expect(functions).toMatchObject({ text: "Scan progress: 44/50 functions · 0/1 regions", at: 1_000 });
    // Counts alone wait for the throttle again.
    expect(scanAnnouncement(functions, p({ regionsTotal: 1, functionsTotal: 50, functionsDone: 49 }), 2_000)).toBe(functions);
    const storing = p({ regionsTotal: 1, regionsDone: 1, functionsTotal: 50, functionsDone: 50, storing: true });
    expect(scanAnnouncement(functions, storing, 2_000).text).toBe("Scan progress: storing the snapshot… · 50/50 functions · 1/1 regions");
  });
});

describe("scannedLine (the dashboard's result) and the storing step", () => {
  it("names the regions whose function list could not be read, as the CLI's summary does", () => {
    expect(scannedLine({ functions: 0, errors: 2, unlistedRegions: ["eu-west-1", "us-east-1"] })).toBe(
      "Scanned 0 functions (the function list of eu-west-1, us-east-1 is incomplete), 2 calls failed",
    );
    expect(scannedLine({ functions: 10, errors: 0, unlistedRegions: [] })).toBe("Scanned 10 functions");
    expect(scannedLine({ functions: 3, errors: 1 })).toBe("Scanned 3 functions, 1 call failed");
  });

  it("says the snapshot is being stored, before the final counts, rather than sitting at the last region", () => {
    const read = p({ regionsDone: 2, functionsTotal: 5, functionsDone: 5, calls: 40, storing: true });
    expect(progressLine(read)).toBe("storing the snapshot… · 5/5 functions · 2/2 regions");
    expect(progressText(read)).toBe("storing the snapshot… · 5/5 functions · 2/2 regions · 40 calls · 0 errors");
  });
});
