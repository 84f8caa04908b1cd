import { describe, expect, it } from "vitest";
import { clip, compactActions, fitActions, fitList, titleWithList, TITLE_MAX } from "./headline";

describe("fitList", () => {
  it.each([
    { items: ["a", "b", "c"], room: 100, expected: "a, b, c" },
    { items: ["alpha", "beta", "gamma", "delta"], room: 25, expected: "alpha, beta, gamma, delta" },
    { items: ["alpha", "beta", "gamma", "delta"], room: 22, expected: "alpha, beta and 2 more" },
    { items: ["alpha", "beta", "gamma", "delta"], room: 17, expected: "alpha and 3 more" },
    // At least one item, even when it alone is longer than the room: a title never lists nothing.
    { items: ["a-very-long-principal-name"], room: 5, expected: "a-very-long-principal-name" },
    { items: ["a-very-long-name", "b"], room: 5, expected: "a-very-long-name and 1 more" },
    { items: [], room: 10, expected: "" },
  ])("$items in $room → $expected", ({ items, room, expected }) => {
    expect(fitList(items, room)).toBe(expected);
  });

  it("fills the title up to TITLE_MAX and no further", () => {
    const items = Array.from({ length: 40 }, (_, i) => `ITEM_NUMBER_${i}`);
    const title = titleWithList("12 things: ", items, " (suffix)");
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title).toMatch(/^12 things: ITEM_NUMBER_0, .* and \d+ more \(suffix\)$/);
    expect(titleWithList("x: ", ["a", "b"])).toBe("x: a, b");
  });
});

describe("compactActions / fitActions", () => {
  it("writes the service once per run of the same service", () => {
    expect(compactActions(["dynamodb:GetRecords", "dynamodb:GetShardIterator", "sqs:SendMessage", "SQS:DeleteMessage", "*"])).toEqual([
      "dynamodb:GetRecords",
      "GetShardIterator",
      "sqs:SendMessage",
      "DeleteMessage",
      "*",
    ]);
  });

  it("keeps full names when they fit, compacts when not, then counts", () => {
    const actions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
    expect(fitActions(actions, 200)).toBe(actions.join(", "));
    expect(fitActions(actions, 80)).toBe("dynamodb:DescribeStream, GetRecords, GetShardIterator, ListStreams");
    expect(fitActions(actions, 50)).toBe("dynamodb:DescribeStream, GetRecords and 2 more");
  });
});

describe("clip", () => {
  it("leaves short text alone and cuts long text at a word with an ellipsis", () => {
    expect(clip("PROBLEM: Function call failed", 40)).toBe("PROBLEM: Function call failed");
    const cut = clip("PROBLEM: Connection error. Please check your event source connection configuration now", 40);
    expect(cut).toBe("PROBLEM: Connection error. Please check…");
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(clip("PROBLEM: Connection error. Please check your", 36)).toBe("PROBLEM: Connection error. Please…");
  });
});
