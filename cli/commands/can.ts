/** `can`: one what-if question, or many (`--batch` JSONL), answered by the findings' own evaluation. */
import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { z } from "zod";
import { readSnapshotArgument, STDIN } from "../snapshot-argument";
import { buildAccountModel, type AccountModel } from "@/lib/analysis/account-model";
import { ask, parseContextArgs, QuestionError, QuestionSchema, type Answer } from "@/lib/analysis/what-if";
import { roleLabel, routeLine } from "@/lib/analysis/route-line";
import { KEYS_NOT_GIVEN, undocumentedValuesOf, VALUES_AWS_MAY_READ_OTHERWISE } from "@/lib/analysis/answer-depends";
import { parseOptions, UserError, userPath, wordOption } from "../errors";
import { createStatusLine } from "../progress-bar";
import { visibleText } from "@/lib/view/visible-text";
import { jsonForStdout } from "../json-output";

const CanOptions = z.object({
  principal: z.string().optional(),
  action: z.string().optional(),
  resource: z.string().optional(),
  context: z.array(z.string()).default([]),
  contextComplete: z.boolean().default(false),
  // No default here: `--batch --format text` must be told apart from no --format at all (text is the default below).
  format: wordOption(["json", "text"], "--format must be json or text").optional(),
  batch: z.string().optional(),
});

export function formatAnswerText(a: Answer): string {
  const { principal: p } = a;
  const roles = () => (a.perRole ? a.perRole.map((r) => roleLabel(r.role)).join(" or ") : roleLabel(p.role ?? ""));
  const who = p.user !== undefined ? `IAM user ${p.user}` : p.function ? `${p.function} (as ${roles()})` : p.role;
  const lines = [a.decision, `  ${who} → ${a.action} on ${a.resource}${a.askedAs ? `, ${a.askedAs}` : ""}`];
  for (const r of a.perRole ?? []) lines.push(`  ${routeLine(r)}`);
  for (const s of a.statements) {
    const policy =
      s.policyKind === "scp" || s.policyKind === "rcp"
        ? `${s.policyKind.toUpperCase()} '${s.policy}'${s.policyId ? ` (${s.policyId})` : ""} attached to ${s.target ?? "an unknown target"}`
        : `${s.policyKind} policy '${s.policy}'`;
    const where = `${policy}${s.role ? ` of role ${s.role}` : ""}${s.group ? ` of group ${s.group}` : ""}, statement ${s.statementIndex}${s.sid ? ` (Sid ${s.sid})` : ""}`;
    lines.push(`  ${s.effect.padEnd(5)} ${where}${s.condition === "true" ? "" : ` [condition ${s.condition}]`}`);
    lines.push(`        ${JSON.stringify(s.statement)}`);
  }
  if (a.unknownKeys.length) lines.push(`  ${KEYS_NOT_GIVEN}: ${a.unknownKeys.join(", ")} (pass --context KEY=VALUE, or --context-complete)`);
  const values = undocumentedValuesOf(a);
  if (values.length) lines.push(`  ${VALUES_AWS_MAY_READ_OTHERWISE}: ${values.join(", ")}`);
  for (const r of a.reasons) lines.push(`  - ${r}`);
  // Policy names, Sids and reasons are the snapshot's text: control characters shown as escapes, as the text report does.
  return lines.map((line) => visibleText(line)).join("\n") + "\n";
}

/** Counts for the progress line: every output line, and those that are errors (the first few by line number). */
export interface BatchTally {
  answered: number;
  errors: number;
  errorLines?: number[];
}

const NAMED_ERROR_LINES = 5;

const QUESTION_KEYS = Object.keys(QuestionSchema.shape);

function countError(tally: BatchTally | undefined, n: number): void {
  if (!tally) return;
  tally.errors++;
  if (tally.errorLines && tally.errorLines.length < NAMED_ERROR_LINES) tally.errorLines.push(n);
}

/** One output line for one JSONL input line (1-based `n`); a bad question gets an error line in its place. */
export function answerBatchLine(model: AccountModel, line: string, n: number, tally?: BatchTally): string {
  let result: unknown;
  try {
    const question: unknown = JSON.parse(line);
    // A misspelt key (`contextcomplete`) would be dropped unseen and the line answered as another question; the API
    // refuses unknown fields too.
    const keys = question && typeof question === "object" && !Array.isArray(question) ? Object.keys(question) : [];
    const unknownKey = keys.find((k) => !QUESTION_KEYS.includes(k));
    if (unknownKey !== undefined) throw new QuestionError(`unknown key ${JSON.stringify(unknownKey)} (a question has ${QUESTION_KEYS.join(", ")})`);
    const a = ask(model, question as never);
    result = { decision: a.decision, statements: a.statements, unknownKeys: a.unknownKeys, reasons: a.reasons, ...(a.perRole ? { perRole: a.perRole } : {}) };
  } catch (e: unknown) {
    // One bad question must not lose the others: input order is kept.
    const message = e instanceof SyntaxError ? `line ${n}: not valid JSON` : `line ${n}: ${e instanceof Error ? e.message : String(e)}`;
    result = { decision: "error", error: message, statements: [] };
    countError(tally, n);
  }
  if (tally) tally.answered++;
  return jsonForStdout(result) + "\n";
}

/**
 * The answers to a JSONL stream, one per input line in input order (callers pair them by position), in chunks
 * of up to 1,000 lines. A blank line between questions gets an error answer in its place; blank lines at the
 * end of the input (a trailing newline or two) get none.
 */
export async function* answerBatch(model: AccountModel, lines: AsyncIterable<string>, tally?: BatchTally): AsyncGenerator<string> {
  let n = 0;
  const out: string[] = [];
  const blanks: number[] = [];
  for await (const line of lines) {
    n++;
    if (!line.trim()) {
      blanks.push(n);
      continue;
    }
    for (const b of blanks.splice(0)) {
      out.push(jsonForStdout({ decision: "error", error: `line ${b}: empty line`, statements: [] }) + "\n");
      if (tally) tally.answered++;
      countError(tally, b);
    }
    out.push(answerBatchLine(model, line, n, tally));
    if (out.length >= 1000) {
      yield out.join("");
      out.length = 0;
    }
  }
  if (out.length) yield out.join("");
}

async function runBatch(model: AccountModel, file: string): Promise<BatchTally> {
  const input = file === "-" ? process.stdin : createReadStream(userPath(file));
  const lines = createInterface({ input, crlfDelay: Infinity });
  const status = createStatusLine();
  const tally: BatchTally = { answered: 0, errors: 0, errorLines: [] };
  for await (const chunk of answerBatch(model, lines, tally)) {
    await writeOut(chunk);
    status.show(batchProgress(tally));
  }
  status.show(batchProgress(tally), true);
  status.done();
  return tally;
}

/**
 * Writes to stdout, waiting while the reader is behind. A stdout that failed (a full disk) never drains: waiting for
 * it would leave nothing to run and Node would exit 0 with the answers lost, so it is a user error instead.
 */
async function writeOut(chunk: string): Promise<void> {
  const out = process.stdout;
  if (!out.write(chunk) && !out.errored) {
    await new Promise<void>((resolve) => {
      const go = () => {
        out.off("drain", go).off("close", go).off("error", go);
        resolve();
      };
      out.on("drain", go).on("close", go).on("error", go);
    });
  }
  const failed = out.errored as NodeJS.ErrnoException | null;
  if (failed && failed.code !== "EPIPE") throw new UserError(`could not write the output: ${failed.message}`);
}

function batchProgress({ answered, errors }: BatchTally): string {
  return `${answered} question${answered === 1 ? "" : "s"} answered${errors ? `, ${errors} error line${errors === 1 ? "" : "s"} (decision "error")` : ""}`;
}

export async function canCommand(file: string, rawOptions: unknown): Promise<number> {
  const o = parseOptions(CanOptions, rawOptions);
  if (!o.batch && (!o.principal || !o.action || !o.resource)) {
    throw new UserError("can needs --principal (a role ARN, an IAM user ARN, or a function name or ARN), --action and --resource (or --batch QUERIES.jsonl)");
  }
  // Each batch line carries its own question: a --context meant for every line would otherwise be dropped unseen.
  const single = [o.principal && "--principal", o.action && "--action", o.resource && "--resource", o.context.length && "--context", o.contextComplete && "--context-complete"].filter(Boolean);
  if (o.batch && o.format === "text") throw new UserError("--batch answers in JSON lines, one per question: drop --format text");
  if (o.batch && single.length) {
    throw new UserError(`--batch reads each question (principal, action, resource, context, contextComplete) from its lines: drop ${single.join(", ")}, or put it in the lines`);
  }
  if (o.batch && o.batch !== "-") {
    try {
      await access(userPath(o.batch), constants.R_OK);
      if (!(await stat(userPath(o.batch))).isFile()) throw new Error("not a file");
    } catch {
      throw new UserError(`${o.batch}: cannot read the --batch file (no such file, not a file, or not readable)`);
    }
  }
  if (file === STDIN && o.batch === STDIN) throw new UserError("the snapshot and the --batch questions cannot both come from standard input (-)");
  const model = buildAccountModel(await readSnapshotArgument(file));
  if (o.batch) {
    const { answered, errors, errorLines = [] } = await runBatch(model, o.batch);
    // Every line is still answered in its place, but a script must not read a batch with unanswered questions as
    // a clean run.
    if (errors) {
      const named = `line${errorLines.length === 1 ? "" : "s"} ${errorLines.join(", ")}${errors > errorLines.length ? ", …" : ""}`;
      throw new UserError(`${errors} of ${answered} question${answered === 1 ? "" : "s"} could not be answered (${named}): their output lines have decision "error" and say why`);
    }
    return 0;
  }
  try {
    const context = parseContextArgs(o.context);
    const answer = ask(model, { principal: o.principal!, action: o.action!, resource: o.resource!, context, contextComplete: o.contextComplete });
    process.stdout.write(o.format === "json" ? jsonForStdout(answer, 2) + "\n" : formatAnswerText(answer));
    return 0;
  } catch (e: unknown) {
    // ask() names a field as the JSON question has it ("action: …", for the API and batch lines); here the user typed
    // an option.
    if (e instanceof QuestionError) throw new UserError(e.field === "context" ? `--context ${e.message}` : e.message.replace(/^(principal|action|resource): /, "--$1: "));
    throw e;
  }
}
