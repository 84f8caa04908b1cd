import { describe, expect, it } from "vitest";
import { settingText } from "./way-in-settings";

describe("settingText", () => {
  const stream = { sourceType: "kinesis", uuid: "1f2e3d4c-0000-4000-8000-000000000001" };

  it("marks a default in the value's own aside, one aside only", () => {
    expect(settingText("retry attempts", "-1", stream, true)).toBe("-1 (infinite, the default)");
    expect(settingText("maximum record age (seconds)", "-1", stream, true)).toBe("-1 (infinite, the default)");
    expect(settingText("consumer group", "the mapping's UUID", stream, true)).toBe(`the mapping's UUID, ${stream.uuid} (default)`);
    expect(settingText("retry attempts", "2", "async", true)).toBe("2 (default)");
  });

  it("says nothing of a default for a value the scan gave", () => {
    expect(settingText("retry attempts", "-1", stream)).toBe("-1 (infinite)");
    expect(settingText("retry attempts", "-1", stream, false)).toBe("-1 (infinite)");
    expect(settingText("retry attempts", "2", "async")).toBe("2");
    // Asynchronous invocation gives -1 no meaning of its own (its retries are 0 to 2).
    expect(settingText("retry attempts", "-1", "async")).toBe("-1");
  });

  it("a Kafka mapping's infinite retries are at most 10 once it has an on-failure destination (kafka-on-failure-destination.html)", () => {
    const kafka = (onFailure: boolean) => ({ sourceType: "msk", uuid: stream.uuid, onFailure });
    expect(settingText("retry attempts", "-1", kafka(true))).toBe("-1 (at most 10 with an on-failure destination)");
    expect(settingText("retry attempts", "-1", kafka(true), true)).toBe("-1 (at most 10 with an on-failure destination, the default)");
    expect(settingText("retry attempts", "-1", kafka(false))).toBe("-1 (infinite)");
    // Only retries: a record's age is not capped; and only Kafka's: a stream's destination caps nothing.
    expect(settingText("maximum record age (seconds)", "-1", kafka(true))).toBe("-1 (infinite)");
    expect(settingText("retry attempts", "-1", { ...stream, onFailure: true })).toBe("-1 (infinite)");
  });
});
