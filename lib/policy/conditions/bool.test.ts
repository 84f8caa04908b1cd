import { describe } from "vitest";
import { cases, itNamesUnreadableValues, runClauseCases } from "./clause-cases";

const P = "reference_policies_elements_condition_operators";

describe("Bool condition operator", () => {
  runClauseCases(
    cases([
      [`${P}: Bool true`, "Bool", "aws:SecureTransport", ["true"], "true", "true"],
      [`${P}: Bool false vs true`, "Bool", "aws:SecureTransport", ["false"], "true", "false"],
      [`${P}: Bool case-insensitive value`, "Bool", "lambda:InvokedViaFunctionUrl", ["True"], "true", "true"],
      [`${P}: Bool absent key is false`, "Bool", "aws:SecureTransport", ["false"], undefined, "false"],
      [`${P}: BoolIfExists absent key is true`, "BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], undefined, "true"],
      [`${P}: Bool with a non-boolean never matches`, "Bool", "k", ["yes"], "yes", "false"],
      [`${P}: Bool upper-case request value`, "Bool", "aws:SecureTransport", ["true"], "TRUE", "true"],
      [`${P}: Bool false vs false`, "Bool", "aws:SecureTransport", ["false"], "false", "true"],
      [`${P}: Bool surrounding spaces are ignored`, "Bool", "k", [" true "], "true", "true"],
    ]),
  );
  itNamesUnreadableValues("Bool", "yes", "false", "true", "is not true or false");
});
