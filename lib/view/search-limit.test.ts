import { describe, expect, it } from "vitest";
import { MAX_SEARCH_TEXT, searchTooLong } from "./search-limit";

describe("searchTooLong", () => {
  it("says nothing up to the limit, the longest ARN IAM takes", () => {
    expect(MAX_SEARCH_TEXT).toBe(2048);
    expect(searchTooLong(0)).toBeUndefined();
    expect(searchTooLong(2048)).toBeUndefined();
  });

  it("past it, gives one reason whatever the length (said once) and a count of what to remove", () => {
    const a = searchTooLong(2049);
    const b = searchTooLong(12_345);
    expect(a?.reason).toContain("at most 2,048 characters");
    expect(b?.reason).toBe(a?.reason);
    expect(a?.count).toBe("This text has 2,049 characters; remove 1.");
    expect(b?.count).toBe("This text has 12,345 characters; remove 10,297.");
  });
});
