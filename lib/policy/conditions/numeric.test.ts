import { describe } from "vitest";
import { cases, itNamesUnreadableValues, runClauseCases } from "./clause-cases";

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
      [`${P}: NumericEquals is false for another number`, "NumericEquals", "k", ["10"], "11", "false"],
      [`${P}: NumericNotEquals is false for an equal number, however written`, "NumericNotEquals", "k", ["10"], "1e1", "false"],
      [`${P}: NumericLessThanEquals is false above`, "NumericLessThanEquals", "k", ["10"], "10.01", "false"],
      [`${P}: NumericGreaterThan boundary`, "NumericGreaterThan", "k", ["10"], "10", "false"],
      [`${P}: NumericGreaterThan below`, "NumericGreaterThan", "k", ["10"], "9", "false"],
      [`${P}: NumericGreaterThanEquals boundary`, "NumericGreaterThanEquals", "k", ["10"], "10", "true"],
      [`${P}: NumericGreaterThanEquals below`, "NumericGreaterThanEquals", "k", ["10"], "9.5", "false"],
      [`${P}: request numbers with a sign, a leading point and an exponent`, "NumericEquals", "k", ["0.5"], "+.5e0", "true"],
      [`${P}: a request's signed exponent`, "NumericLessThan", "k", ["1"], "5E-1", "true"],
      // In a policy, forms other than "an integer or decimal value" may be read as written or refused (matching nothing).
      [`${P}: a policy exponent may be refused`, "NumericEquals", "k", ["1e3"], "1000", "unknown"],
      [`${P}: a policy plus sign may be refused`, "NumericLessThan", "k", ["+5"], "4", "unknown"],
      [`${P}: a policy's leading point may be refused`, "NumericEquals", "k", [".5"], "0.5", "unknown"],
      [`${P}: a policy's trailing point may be refused`, "NumericGreaterThanEquals", "k", ["5."], "5", "unknown"],
      [`${P}: a policy's leading zero may be refused`, "NumericEquals", "k", ["010"], "10", "unknown"],
      [`${P}: a negative policy value's leading zero may be refused`, "NumericLessThan", "k", ["-010"], "-11", "unknown"],
      [`${P}: a leading zero before a point may be refused`, "NumericGreaterThan", "k", ["00.5"], "1", "unknown"],
      [`${P}: a lone zero and a zero before a point are documented`, "NumericLessThanEquals", "k", ["0.5"], "0", "true"],
      [`${P}: a miss is false whether AWS reads a leading zero as ten, as octal eight, or refuses it`, "NumericGreaterThan", "k", ["010"], "3", "false"],
      [`${P}: a leading zero read as octal (eight) may decide what ten and refusal do not`, "NumericGreaterThan", "k", ["010"], "9", "unknown"],
      [`${P}: a negative leading-zero value read as octal`, "NumericLessThan", "k", ["-010"], "-9", "unknown"],
      [`${P}: a leading zero before digits octal does not have is no octal number`, "NumericGreaterThan", "k", ["09"], "3", "false"],
      [`${P}: a negated operator's hold on an undocumented form may be refused`, "NumericNotEquals", "k", ["1e3"], "5", "unknown"],
      [`${P}: a miss is false whether AWS reads the undocumented form or refuses it`, "NumericLessThan", "k", ["1e3"], "5000", "false"],
      [`${P}: a negative integer is an integer`, "NumericLessThan", "k", ["-5"], "-6", "true"],
      [`${P}: hexadecimal is read by no decimal parser, so it matches nothing`, "NumericEquals", "k", ["0x10"], "16", "false"],
      [`${P}: text around a number is not a number`, "NumericEquals", "k", ["10"], "x10", "false"],
      [`${P}: text after a number is not a number`, "NumericEquals", "k", ["10"], "10x", "false"],
      [`${P}: a second sign is not a number`, "NumericEquals", "k", ["-10"], "--10", "false"],
      [`${P}: an exponent without digits is not a number`, "NumericEquals", "k", ["10"], "10e", "false"],
      [`${P}: a point without digits after an exponent is not a number`, "NumericEquals", "k", ["1"], "1e0.5", "false"],
      // The operator's own rule (operator.ts): a value that does not parse never lets a request in, negated or not.
      [`${P}: NumericNotEquals does not hold against a non-number`, "NumericNotEquals", "k", ["ten"], "11", "false"],
      [`${P}: spaces around a request number are ignored`, "NumericEquals", "k", ["10"], " 10 ", "true"],
      [`${P}: spaces around a policy number may make AWS refuse it`, "NumericEquals", "k", [" 10 "], "10", "unknown"],
      // Compared exactly, not as doubles: a tiny decimal is not zero, and one scaled past 10^±1000 is not read at all.
      [`${P}: a decimal below the smallest double is not zero`, "NumericGreaterThan", "k", ["0"], `0.${"0".repeat(400)}1`, "true"],
      [`${P}: an exponent past 10^-1000 is not a number`, "NumericEquals", "k", ["0"], "1e-2000", "false"],
    ]),
  );
  itNamesUnreadableValues("NumericEquals", "ten", "11", "10", "is not a number");
});
