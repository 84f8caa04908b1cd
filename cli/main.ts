/**
 * `npm run cli -- <command>`: the command table. Each command lives in cli/commands/<name>.ts and runs the same
 * lib code as the dashboard. Exit codes: 0 ok, 1 user error (one line on stderr), 2 --fail-on threshold hit, 3 internal
 * error (one line; its stack with LPG_DEBUG=1).
 */
import { existsSync, readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { SnapshotReadError } from "@/lib/snapshot/read";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { SEVERITIES } from "@/lib/analysis/types";
import { UserError } from "./errors";
import { shortenLongWords } from "@/lib/view/long-words";
import { analyzeCommand } from "./commands/analyze";
import { compareCommand } from "./commands/compare";
import { serveCommand } from "./commands/serve";
import { canCommand } from "./commands/can";
import { scanCommand } from "./commands/scan";
import { hashPasswordCommand } from "./commands/hash-password";
import { reportCommand } from "./commands/report";
import { visibleText } from "@/lib/view/visible-text";

/** package.json's version: the one the project is published and tagged with. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function buildProgram(setExit: (code: number) => void): Command {
  // Named as it is run: there is no `lpg` on the PATH (no package bin), and "Usage: lpg scan" sent newcomers to one.
  const program = new Command("npm run cli --")
    .description("Lambda Permissions Graph: who can invoke each Lambda function, and what each function can reach")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    // One line on stderr for a usage error (cli.md), with Commander's "(Did you mean --format?)" and the hint to --help.
    .configureOutput({ outputError: (str, write) => write(`${shortenLongWords(visibleText(str.trim().split(/\s*\n\s*/).join(" ")))} (add --help for usage)\n`) });

  program
    .command("scan")
    .description("read an AWS account (read-only) into a snapshot: to FILE with --out, else into the dashboard's store")
    .option("--profile <profile>", "AWS profile (default: the SDK's default credential chain)")
    .option("--regions <regions>", "comma-separated regions, or all (default: the configured region)")
    .option("--out <file>", "write the snapshot here (.json or .json.gz; - for standard output) instead of storing it in LPG_DATA_DIR (default .data/)")
    .option("--version-policies <n|all>", "read the resource policies of this many newest published versions per function, besides those aliases route to (default 25)")
    .option("--no-organizations", "do not read the organization's SCPs and RCPs (AWS Organizations); the analysis then assumes none")
    .action(async (opts: unknown) => setExit(await scanCommand(opts)));

  program
    .command("analyze")
    .description("analyse a snapshot file (.json or .json.gz) and print findings")
    .argument("<file>", "snapshot file, or - for standard input")
    .option("--format <format>", "json | text | sarif | markdown (a CI job summary or pull-request comment)", "text")
    .option("--fail-on <severity>", `exit 2 when any finding is at or above this severity: ${SEVERITIES.join(" | ")}; also when data could not be read`)
    .option("--suppress <file>", "JSON file of accepted findings, each with a reason (docs/suppressions.md): listed apart, not counted by --fail-on")
    .option("--sarif-suppressed", "with --format sarif: keep accepted findings as suppressed results (GitHub code scanning shows them as open alerts)")
    .option("--allow-unknown", "with --fail-on: do not also exit 2 when data could not be read (data-unavailable findings)")
    .action(async (file: string, opts: unknown) => setExit(await analyzeCommand(file, opts)));

  program
    .command("compare")
    .description("what changed from one snapshot file to another (the dashboard's compare page): findings new, fixed, changed")
    .argument("<old>", "the older snapshot file (.json or .json.gz), or - for standard input")
    .argument("<new>", "the newer snapshot file, or - for standard input")
    .option("--format <format>", "json (the diff API's answer) | text (default: text)")
    .option("--fail-on <severity>", `exit 2 when a finding new in NEW is at or above this severity: ${SEVERITIES.join(" | ")}; also when NEW could not read data, or a finding at or above it is not known new`)
    .option("--suppress <file>", "JSON file of accepted findings (docs/suppressions.md), applied to both scans: neither new nor counted by --fail-on")
    .option("--allow-unknown", "with --fail-on: do not also exit 2 when data could not be read (NEW's data-unavailable findings, findings not known new)")
    .action(async (oldFile: string, newFile: string, opts: unknown) => setExit(await compareCommand(oldFile, newFile, opts)));

  program
    .command("serve")
    .description("start the dashboard (production build; builds first if needed) on FILE, or on the stored snapshots")
    .argument("[file]", "snapshot file to show instead of the store")
    // The default in the text, not Commander's: it quotes a string default, and "(default: "3000")" read as text.
    .option("--port <n>", "port (default: 3000)")
    .option("--host <host>", "interface to listen on (loopback unless sign-in is configured)", "127.0.0.1")
    .option("--suppress <file>", "JSON file of accepted findings (docs/suppressions.md): left out of every page, listed on the overview")
    .action(async (file: string | undefined, opts: unknown) => setExit(await serveCommand(file, opts)));

  program
    .command("report")
    .description("render the dashboard's graph view of a snapshot file to a PNG (headless Chromium)")
    .argument("<file>", "snapshot file")
    .option("--function <name|arn>", "focus on this function")
    .option("--png <out.png>", "where to write the PNG (required)")
    .option("--suppress <file>", "JSON file of accepted findings (docs/suppressions.md): not drawn; the header says how many")
    .action(async (file: string, opts: unknown) => setExit(await reportCommand(file, opts)));

  program
    .command("demo")
    .description("print the path of the built-in demo snapshot")
    .action(() => {
      const demo = demoSnapshotPath();
      // A path that leads nowhere (LPG_APP_ROOT set to another directory) failed only later, in the command it was given to.
      if (!existsSync(demo)) throw new UserError(`no demo snapshot at ${demo}: set LPG_APP_ROOT to the repository, or run \`npm run cli -- demo\` in it`);
      process.stdout.write(demo + "\n");
    });

  program
    .command("can")
    .description("what-if: can this function (its execution role), role or IAM user do ACTION on RESOURCE?")
    .argument("<file>", "snapshot file, or - for standard input")
    .option("--principal <p>", "role ARN, IAM user ARN (with its groups' policies), or function name/ARN (its execution role)")
    .option("--action <a>", "e.g. sqs:ReceiveMessage")
    .option("--resource <r>", "resource ARN, or *")
    // No defaults here (CanOptions has them): Commander would print "(default: [])" and "(default: false)" in --help.
    .option("--context <KEY=VALUE>", "request context (repeatable; JSON array for multi-valued keys)", collect)
    .option("--context-complete", "treat context keys not given as absent instead of unknown")
    .option("--format <format>", "json | text (default: text; --batch always answers in JSON lines)")
    .option("--batch <file>", "JSONL questions, one answer per line in input order (- for stdin)")
    .action(async (file: string, opts: unknown) => setExit(await canCommand(file, opts)));

  program
    .command("hash-password")
    .description("hash a password for LPG_USERS_FILE (read from the terminal or stdin, never from arguments)")
    .option("--user <name>", "print a whole users-file line, NAME:hash")
    .action(async (opts: unknown) => setExit(await hashPasswordCommand(opts)));

  // Commander's own `help NAME` prints the whole help on stderr with exit 1 for a NAME it does not know, without
  // saying so: here an unknown NAME is a one-line user error, and a known one's help goes to stdout.
  program.helpCommand(false);
  program
    .command("help")
    .description("show the help of a command")
    .argument("[command]", "the command")
    .action((name: string | undefined) => {
      const command = name === undefined ? program : program.commands.find((c) => c.name() === name);
      if (!command) throw unknownCommand(program, name ?? "");
      command.outputHelp();
    });

  program.addHelpText(
    "after",
    [
      "",
      "Exit codes: 0 ok, 1 user error (one line on stderr), 2 analyze --fail-on: a",
      "finding at or above it, or data that could not be read; compare --fail-on: a",
      "new finding at or above it, or data NEW could not read (the verdict's line is",
      "the last on stderr), 3 internal error (LPG_DEBUG=1 prints its stack).",
      "Each command's options: npm run cli -- COMMAND --help. Documentation: README.md",
      "and docs/ in the repository.",
    ].join("\n"),
  );

  return program;
}

function unknownCommand(program: Command, name: string): UserError {
  return new UserError(`unknown command '${name}'; the commands are ${commandNames(program)}`);
}

function commandNames(program: Command): string {
  return program.commands.map((c) => c.name()).join(", ");
}

/**
 * Commander answers `--help` before it looks at the command, so `diff --help` printed the program's help with
 * exit 0, as if diff existed. The program takes no option with a value, so a first word that is not an option is the
 * command.
 */
function refuseMissingOrUnknownCommand(program: Command, argv: string[]): void {
  const [first] = argv;
  // Commander printed the whole help on stderr with exit 1 here: a user error, so one line (cli.md).
  if (first === undefined) throw new UserError(`no command given; the commands are ${commandNames(program)} (add --help for usage)`);
  if (first.startsWith("-")) return;
  if (program.commands.some((c) => c.name() === first)) return;
  if (argv.some((a) => a === "--help" || a === "-h")) throw unknownCommand(program, first);
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    refuseMissingOrUnknownCommand(program, argv);
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e: unknown) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof UserError || e instanceof SnapshotReadError) {
      // Messages quote the snapshot (its format, a schema path's keys) and the command line: escape sequences in them
      // must not reach the terminal, nor a line break, which would forge a second "error:" line after the one of cli.md.
      process.stderr.write(`error: ${shortenLongWords(visibleText(e.message))}\n`);
      return 1;
    }
    const err = e as Error;
    process.stderr.write(`internal error: ${shortenLongWords(visibleText(err?.message ?? String(e)))}\n`);
    if (process.env.LPG_DEBUG) process.stderr.write(`${err?.stack ?? ""}\n`);
    return 3;
  }
}

/**
 * Exit once stdout and stderr have handed everything to the OS: process.exit() drops what a pipe has not taken yet
 * (`analyze --format json | jq` got the first 64 KiB and exit code 0). An empty write's callback runs after every
 * earlier write is flushed.
 */
function exitAfterFlush(code: number): void {
  let open = 2;
  let failed: NodeJS.ErrnoException | undefined;
  const done = () => {
    if (--open > 0) return;
    // Output that never got written (a full disk) is no success: CI would keep an empty SARIF file. Exit codes 1
    // and 3 come with their error line already (a command that noticed the failure itself says so).
    if (failed && (code === 0 || code === 2)) {
      process.stderr.write(`error: could not write the output: ${failed.message}\n`);
      process.exit(code === 0 ? 1 : code);
    }
    process.exit(code);
  };
  // The write's callback gets the stream's error (an earlier write's too): the 'error' event comes only later.
  process.stdout.write("", (e?: NodeJS.ErrnoException | null) => {
    if (e && e.code !== "EPIPE") failed = e;
    done();
  });
  process.stderr.write("", done);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "\u0000")) {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is no crash to report. Any other
  // failure is reported once the command is done (exitAfterFlush), never as a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(exitAfterFlush);
}
