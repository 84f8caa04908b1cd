import { describe } from "vitest";
import { cases, runClauseCases } from "./clause-cases";

const P = "reference_policies_elements_condition_operators";

describe("Numeric condition operators", () => {
  runClauseCases(
    cases([
      [`${P}: NumericEquals`, "NumericEquals", "s3:max-keys", ["10"], "10", "true"],
      [`${P}: NumericEquals compares numbers, not text`, "NumericEquals", "k", ["10"], "10.0", "true"],
      [`${P}: NumericNotEquals`, "NumericNotEquals", "k", ["10"], "11", "true"],
      [`${P}: NumericNotEquals absent key is true`, "NumericNotEquals", "k", ["10"], undefined, "true"],
      [`${P}: NumericLessThan`, "NumericLessThan", "k", ["10"], "9", "true"],
      [`${P}: NumericLessThan boundary`, "NumericLessThan", "k", ["10"], "10", "false"],
      [`${P}: NumericLessThanEquals`, "NumericLessThanEquals", "k", ["10"], "10", "true"],
      [`${P}: NumericGreaterThan`, "NumericGreaterThan", "k", ["10"], "10.5", "true"],
      [`${P}: NumericGreaterThanEquals negative`, "NumericGreaterThanEquals", "k", ["-1"], "-2", "false"],
      [`${P}: NumericEquals with a non-number never matches`, "NumericEquals", "k", ["ten"], "10", "false"],
      [`${P}: NumericEquals empty string is not zero`, "NumericEquals", "k", ["0"], "", "false"],
      [`${P}: NumericLessThanIfExists absent key`, "NumericLessThanIfExists", "k", ["1"], undefined, "true"],
      [`${P}: NumericLessThan absent key`, "NumericLessThan", "k", ["1"], undefined, "false"],
    ]),
  );
});
