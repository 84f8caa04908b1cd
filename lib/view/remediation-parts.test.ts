import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { remediationParts } from "./remediation-parts";

describe("remediation parts", async () => {
  const { findings } = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
  const of = (rule: string, fn: string) => findings.find((f) => f.rule === rule && (f.function ?? f.functions?.[0] ?? "").endsWith(`:function:${fn}`))!;

  it("cut a missing-permission fix into the sentence, the policy to save and the command that applies it", () => {
    const parts = remediationParts(of("event-source-missing-permissions", "orders-processor").remediation);
    expect(parts.map((p) => p.kind)).toEqual(["text", "document", "command"]);
    expect(JSON.parse(parts[1]!.text)).toMatchObject({ Version: "2012-10-17", Statement: [{ Action: "sqs:ReceiveMessage" }] });
    expect(parts[2]!.text).toMatch(/^aws iam put-role-policy --role-name orders-processor-role .* --policy-document file:\/\/policy\.json$/);
  });

  it("keep apart the commands of a fix that offers a choice, so that copying one does not run the other", () => {
    const parts = remediationParts(of("function-url-permission-mismatch", "marketing-landing-form").remediation);
    const commands = parts.filter((p) => p.kind === "command").map((p) => p.text);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^aws lambda add-permission /);
    expect(commands[1]).toMatch(/^aws lambda remove-permission /);
    // The sentence naming a command's option is prose, not a command.
    expect(parts.find((p) => p.kind === "text" && p.text.includes("update-function-url-config --auth-type AWS_IAM"))).toBeDefined();
  });

  it("give back every demo remediation whole, each document valid JSON and each command one line", () => {
    for (const f of findings) {
      const parts = remediationParts(f.remediation);
      expect(parts.map((p) => p.text).join("\n"), f.id).toBe(f.remediation);
      for (const p of parts.filter((p) => p.kind === "document")) expect(() => JSON.parse(p.text), f.id).not.toThrow();
      for (const p of parts.filter((p) => p.kind === "command")) expect(p.text, f.id).toMatch(/^aws \S+ \S+[^\n]*$/);
    }
  });

  it("keep a command continued with backslashes in one part, up to its last line", () => {
    const text = "Remove it:\naws lambda remove-permission \\\n  --function-name f \\\n  --statement-id s\nThen check.";
    expect(remediationParts(text)).toEqual([
      { kind: "text", text: "Remove it:" },
      { kind: "command", text: "aws lambda remove-permission \\\n  --function-name f \\\n  --statement-id s" },
      { kind: "text", text: "Then check." },
    ]);
  });

  it("take a list of statements for one resource policy as one document", () => {
    const statements = JSON.stringify([{ Sid: "A1", Effect: "Allow" }, { Sid: "A2", Effect: "Allow" }], null, 2);
    expect(remediationParts(`Add statements like this to that policy:\n${statements}`)).toEqual([
      { kind: "text", text: "Add statements like this to that policy:" },
      { kind: "document", text: statements },
    ]);
  });

  it("leave as text a brace block that is not JSON, and text with no command or document", () => {
    expect(remediationParts("Save this:\n{\n  not json\n}")).toEqual([{ kind: "text", text: "Save this:\n{\n  not json\n}" }]);
    expect(remediationParts("Store the value in Secrets Manager.")).toEqual([{ kind: "text", text: "Store the value in Secrets Manager." }]);
  });
});
