import { describe } from "vitest";
import { cases, itNamesUnreadableValues, runClauseCases } from "./clause-cases";

const P = "reference_policies_elements_condition_operators";

describe("BinaryEquals condition operator", () => {
  runClauseCases(
    cases([
      [`${P}: BinaryEquals same base64`, "BinaryEquals", "k", ["QmluYXJ5VmFsdWU="], "QmluYXJ5VmFsdWU=", "true"],
      [`${P}: BinaryEquals compares decoded bytes`, "BinaryEquals", "k", ["QmluYXJ5VmFsdWU="], "QmluYXJ5 VmFsdWU=", "true"],
      [`${P}: BinaryEquals different bytes`, "BinaryEquals", "k", ["QQ=="], "Qg==", "false"],
      [`${P}: BinaryEquals invalid base64 never matches`, "BinaryEquals", "k", ["!!"], "!!", "false"],
      [`${P}: BinaryEquals absent key`, "BinaryEquals", "k", ["QQ=="], undefined, "false"],
      [`${P}: BinaryEqualsIfExists absent key`, "BinaryEqualsIfExists", "k", ["QQ=="], undefined, "true"],
      [`${P}: BinaryEquals text before base64 is not base64`, "BinaryEquals", "k", ["QQ=="], "!QQ==", "false"],
      [`${P}: BinaryEquals text after padding is not base64`, "BinaryEquals", "k", ["QQ=="], "QQ==!", "false"],
      [`${P}: BinaryEquals one padding character`, "BinaryEquals", "k", ["QUI="], "QUI=", "true"],
      [`${P}: BinaryEquals a length of 4n+1 is not base64`, "BinaryEquals", "k", ["QUJDR"], "QUJDR", "false"],
      [`${P}: BinaryEquals ignores every kind of whitespace`, "BinaryEquals", "k", ["QmluYXJ5VmFsdWU="], "QmluYXJ5\n\t VmFsdWU=", "true"],
    ]),
  );
  itNamesUnreadableValues("BinaryEquals", "%%%", "Qg==", "QQ==", "is not base64");
});
