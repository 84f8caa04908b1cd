import { beforeEach, describe, expect, it, vi } from "vitest";

/** The module keeps the tab's state: each test starts with a fresh tab. */
async function freshTab() {
  vi.resetModules();
  return import("./session-ended");
}

describe("a 401 against the session a request was sent under", () => {
  let tab: Awaited<ReturnType<typeof freshTab>>;
  beforeEach(async () => {
    tab = await freshTab();
  });

  it("ends the session once, however many requests say so", () => {
    const sent = tab.sessionEpoch();
    expect(tab.sessionEnded(sent)).toBe(true);
    expect(tab.sessionEnded(sent)).toBe(true);
    expect(tab.sessionEndedNow()).toBe(true);
  });

  it("sent before the session was restored and answered after, leaves the restored session valid", () => {
    const beforeEnd = tab.sessionEpoch();
    tab.sessionEnded(beforeEnd);
    // Sent while signed out, answered once the tab has found the session valid again.
    const inFlight = tab.sessionEpoch();
    tab.sessionRestored();
    expect(tab.sessionEnded(inFlight)).toBe(false);
    expect(tab.sessionEnded(beforeEnd)).toBe(false);
    expect(tab.sessionEndedNow()).toBe(false);
  });

  it("sent after the restore, ends it again", () => {
    tab.sessionEnded(tab.sessionEpoch());
    tab.sessionRestored();
    const afterRestore = tab.sessionEpoch();
    expect(tab.sessionEnded(afterRestore)).toBe(true);
    expect(tab.sessionEndedNow()).toBe(true);
  });

  it("after a second restore, a request of the first one's time changes nothing either", () => {
    tab.sessionEnded(tab.sessionEpoch());
    tab.sessionRestored();
    const betweenRestores = tab.sessionEpoch();
    tab.sessionEnded(betweenRestores);
    tab.sessionRestored();
    expect(tab.sessionEnded(betweenRestores)).toBe(false);
    expect(tab.sessionEndedNow()).toBe(false);
  });
});
