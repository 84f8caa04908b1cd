import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { cliFlag, functionArgs, qualifierArg, removePermissionCommand, shellArg } from "./remediation";

/** What a POSIX shell hands the command as its arguments, for `words` pasted after it. */
function argsAfterShell(words: string): string[] {
  return JSON.parse(execFileSync("sh", ["-c", `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${words}`], { encoding: "utf8" }));
}

describe("shellArg", () => {
  it("leaves names AWS allows as they are, and quotes anything a shell would read", () => {
    expect(shellArg("arn:aws:lambda:us-east-1:123456789012:function:orders")).toBe("arn:aws:lambda:us-east-1:123456789012:function:orders");
    expect(shellArg("service-role/app+ci=x,y.z@w_1")).toBe("service-role/app+ci=x,y.z@w_1");
    expect(shellArg("$LATEST")).toBe("'$LATEST'");
    expect(shellArg("x; rm -rf ~")).toBe("'x; rm -rf ~'");
    expect(shellArg("it's")).toBe("'it'\\''s'");
    expect(qualifierArg("$LATEST")).toBe(" --qualifier '$LATEST'");
    expect(qualifierArg(undefined)).toBe("");
    expect(removePermissionCommand("arn:aws:lambda:us-east-1:123456789012:function:f", "a`id`b", "live")).toBe(
      "aws lambda remove-permission --function-name arn:aws:lambda:us-east-1:123456789012:function:f --qualifier live --region us-east-1 --statement-id 'a`id`b'",
    );
  });

  it("sends Lambda commands to the function's region, and passes values starting with - as --flag=value", () => {
    // The AWS CLI calls its configured region whatever the ARN says; Lambda answers only in the function's own.
    expect(functionArgs("arn:aws:lambda:eu-west-1:123456789012:function:f")).toBe(" --function-name arn:aws:lambda:eu-west-1:123456789012:function:f --region eu-west-1");
    // `--statement-id -legacy` is a flag without its value to the AWS CLI, quoted or not.
    expect(removePermissionCommand("arn:aws:lambda:us-east-1:123456789012:function:f", "-legacy", "-old")).toBe(
      "aws lambda remove-permission --function-name arn:aws:lambda:us-east-1:123456789012:function:f --qualifier=-old --region us-east-1 --statement-id=-legacy",
    );
    expect(cliFlag("--statement-id", "-a b")).toBe(" --statement-id='-a b'");
    expect(argsAfterShell(`x${cliFlag("--statement-id", "-a b")}`)).toEqual(["x", "--statement-id=-a b"]);
  });

  it("is one word a shell passes on unchanged, whatever the value", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes("\0")), (value) => {
        expect(argsAfterShell(`${shellArg(value)} end`)).toEqual([value, "end"]);
      }),
      { numRuns: 60 },
    );
  });
});
