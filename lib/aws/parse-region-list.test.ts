import { describe, expect, it } from "vitest";
import { parseRegionList } from "./collect";

describe("parseRegionList", () => {
  it("takes a region of every partition, the European Sovereign Cloud's four-letter start too", () => {
    expect(parseRegionList("us-east-1, cn-north-1,us-iso-east-1,eusc-de-east-1")).toEqual(["us-east-1", "cn-north-1", "us-iso-east-1", "eusc-de-east-1"]);
  });

  it("refuses a name that is no region", () => {
    expect(() => parseRegionList("us-east-1,Mars")).toThrow('"Mars" is not an AWS region name');
    expect(() => parseRegionList("eusc-de-east-1.amazonaws.eu")).toThrow("is not an AWS region name");
  });

  it("says that all stands alone when it is given beside region names", () => {
    expect(() => parseRegionList("all,us-east-1")).toThrow("--regions all reads every region: give it alone, or region names without it");
    expect(() => parseRegionList("us-east-1, all")).toThrow("give it alone");
  });
});
