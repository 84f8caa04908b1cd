import { describe, expect, it } from "vitest";
import { filterChoice, LINKED_VALUES } from "./filter-choice";

const regions = ["eu-west-1", "us-east-1"];

describe("filterChoice", () => {
  it("shows no filter and a known value as they are", () => {
    expect(filterChoice([], regions)).toEqual({ value: "", linked: null });
    expect(filterChoice(["us-east-1"], regions)).toEqual({ value: "us-east-1", linked: null });
  });

  it("names a value this snapshot does not have instead of showing All while it filters", () => {
    expect(filterChoice(["ap-south-1"], regions)).toEqual({ value: LINKED_VALUES, linked: { label: "ap-south-1 (not in this snapshot)" } });
  });

  it("shows every value of a multi-value link", () => {
    expect(filterChoice(["us-east-1", "mars-1"], regions).linked?.label).toBe("us-east-1, mars-1 (not in this snapshot)");
  });
});
