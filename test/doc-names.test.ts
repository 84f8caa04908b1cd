/**
 * Besides links (doc-links.test.ts), the docs name things in code: files, npm scripts and bench parts, environment
 * variables, CLI commands and flags, API routes, finding rules. A rename in the code leaves those names pointing at
 * nothing without any link breaking, so each one is looked up where it lives.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "@/cli/main";
import { BENCH_PARTS } from "@/bench/parts";
import { RULES } from "@/lib/findings/rules/registry";

const root = process.cwd();
// docs/analysis-performance.md is the lead's measurement log, not edited here: its code is Node, V8 and esbuild flags.
const documents = ["README.md", "data/DEMO.md", ...readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md") && f !== "analysis-performance.md").map((f) => `docs/${f}`)];

/** Names the docs use on purpose although the code does not have them, each with why. */
const NOT_OURS: Record<string, string> = {
  // Flags of other programs, quoted where the docs explain a remediation or a measurement.
  "--source-account": "a flag of `aws lambda add-permission`, in a finding's remediation",
  "--max-semi-space-size": "a Node.js (V8) flag for the dashboard's process",
  "--max-http-header-size": "a Node.js flag raising its header limit, named where the 431 answer is",
  // Read by the AWS SDK's credential and endpoint chain, not by our code.
  AWS_ACCESS_KEY_ID: "read by the AWS SDK",
  AWS_SECRET_ACCESS_KEY: "read by the AWS SDK",
  AWS_SESSION_TOKEN: "read by the AWS SDK",
  AWS_CONFIG_FILE: "read by the AWS SDK",
  AWS_SHARED_CREDENTIALS_FILE: "read by the AWS SDK",
  AWS_WEB_IDENTITY_TOKEN_FILE: "read by the AWS SDK",
  AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "read by the AWS SDK",
  AWS_PROFILE: "read by the AWS SDK",
  AWS_REGION: "read by the AWS SDK",
  GITHUB_STEP_SUMMARY: "set by GitHub Actions for a job's summary",
  // Words of other protocols.
  "same-site": "a value of the browser's Sec-Fetch-Site header, which the code compares with same-origin",
};

/** The source files, tests included. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry)) files.push(full);
    }
  };
  for (const dir of ["app", "lib", "cli", "components", "scripts", "bench", "e2e", "test"]) walk(path.join(root, dir));
  const rootFiles = ["proxy.ts", "instrumentation.ts", "next.config.js", "playwright.config.ts", ".ci/run"];
  return [...files, ...rootFiles.map((f) => path.join(root, f)).filter((f) => existsSync(f))];
}

/**
 * What a document writes as code: each inline `span`, and each line of a shell or CI fence (commands are quoted
 * there too). JSON and nginx fences are samples of other formats, not names of ours.
 */
function codeSpans(markdown: string): string[] {
  const fences = [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)];
  const shellLines = fences.filter((m) => ["sh", "bash", "yaml", "yml"].includes(m[1] ?? "")).flatMap((m) => (m[2] ?? "").split("\n").map((l) => l.replace(/#.*$/, "").trim()));
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "");
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? "");
  // Source paths are named in plain prose too ("see lib/view/graph-view.ts"); a link's target is doc-links' concern.
  const plain = prose.replace(/`[^`\n]+`/g, " ").replace(/\]\([^)]*\)/g, "]");
  const paths = [...plain.matchAll(/(?<![\w./-])((?:app|lib|cli|components|bench|scripts|test|e2e)\/[\w.()[\]\/-]*\.(?:tsx?|mts|mjs|json))(?![\w/])/g)].map((m) => m[1] ?? "");
  return [...inline, ...shellLines, ...paths].filter((s) => s !== "");
}

type Program = ReturnType<typeof buildProgram>;

interface Lookups {
  program: Program;
  scripts: Set<string>;
  /** AWS services the scan has an SDK client for (`lambda` for @aws-sdk/client-lambda). */
  services: Set<string>;
  /** Base names of the source files, for a doc that names one without its folder. */
  sourceFiles: Set<string>;
  rules: Set<string>;
  code: string;
  demo: string;
}

const ENV = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?=$|[=/])/;
const REPO_PATH = /^(?:\.\/)?((?:app|lib|cli|components|bench|scripts|test|e2e|data|docs|public|\.ci)\/[^\s<>…*]*)$/;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

function optionsOf(command: Program): Set<string> {
  const longs = command.options.map((o) => o.long ?? "");
  return new Set([...longs, "--help"]);
}

/** Whether `/api/…` is served by a route file under app/api (dynamic and catch-all segments included). */
function routeExists(route: string): boolean {
  let dir = path.join(root, "app");
  for (const segment of route.split("/").filter(Boolean)) {
    if (existsSync(path.join(dir, segment))) dir = path.join(dir, segment);
    else {
      const dynamic = readdirSync(dir).find((d) => /^\[.+\]$/.test(d));
      if (!dynamic) return false;
      if (dynamic.startsWith("[...")) return existsSync(path.join(dir, dynamic, "route.ts"));
      dir = path.join(dir, dynamic);
    }
  }
  return existsSync(path.join(dir, "route.ts"));
}

/** What is wrong with a command line's `npm …` part, checked against package.json, bench parts and the CLI. */
function npmProblems(words: string[], look: Lookups): string[] {
  const problems: string[] = [];
  const verb = words[1];
  const rest = words.slice(2).filter((w) => w !== "-s");
  if (verb === "start") return flagProblems(rest.slice(1), look.program.commands.find((c) => c.name() === "serve"));
  if (verb !== "run") return [];
  const script = rest[0];
  if (script === undefined) return [];
  if (!look.scripts.has(script)) return [`npm script ${script}`];
  const args = rest.slice(1);
  if (args[0] !== "--") return [];
  if (script === "bench") {
    for (const part of args.slice(1).filter((a) => /^[a-z]+$/.test(a))) if (!(part in BENCH_PARTS)) problems.push(`bench part ${part}`);
  } else if (script === "cli") {
    const name = args[1];
    if (name === undefined || name.startsWith("-")) return flagProblems(args.slice(1), look.program);
    const command = look.program.commands.find((c) => c.name() === name);
    if (!command) return [`CLI command ${name}`];
    problems.push(...flagProblems(args.slice(2), command));
  }
  return problems;
}

/** Flags among `words` that neither `command` (nor the program) takes. */
function flagProblems(words: string[], command: Program | undefined): string[] {
  const known = new Set([...optionsOf(command ?? buildProgram(() => {})), "--version"]);
  return words
    .map((w) => w.replace(/^\[/, "").match(/^--[a-z][a-z0-9-]*/)?.[0])
    .filter((f): f is string => f !== undefined && !known.has(f) && !(f in NOT_OURS))
    .map((f) => `flag ${f} of ${command?.name() ?? "the CLI"}`);
}

/** Whether the code reads `name`, or the AWS SDK does as the endpoint of a service the scan calls. */
function envKnown(name: string, look: Lookups): boolean {
  const service = name.match(/^AWS_ENDPOINT_URL_(\w+)$/)?.[1];
  if (service) return look.services.has(service.toLowerCase());
  return new RegExp(`\\b${name}\\b`).test(look.code);
}

/** The names in one code span that lead nowhere in the code, each said as what it claimed to be. */
function danglingNames(span: string, look: Lookups): string[] {
  const words = span.split(/\s+/);
  const problems: string[] = [];
  // A bare flag or `--flag value`: an option of some CLI command.
  if (/^--[a-z]/.test(span)) {
    const flag = words[0]?.split("=")[0] ?? "";
    const all = new Set([...look.program.commands.flatMap((c) => [...optionsOf(c)]), "--version"]);
    if (!all.has(flag) && !(flag in NOT_OURS)) problems.push(`flag ${flag}`);
  }
  const npmAt = words.indexOf("npm");
  if (npmAt >= 0) problems.push(...npmProblems(words.slice(npmAt), look));
  if (KEBAB.test(span) && !(span in NOT_OURS) && !look.rules.has(span) && !look.code.includes(span) && !look.demo.includes(span)) problems.push(`name ${span}`);
  for (const word of words) {
    const env = word.match(ENV)?.[1];
    if (env && !(env in NOT_OURS) && !envKnown(env, look)) problems.push(`environment variable ${env}`);
    if (/^[\w.-]+\.(?:tsx?|mts|mjs)$/.test(word) && !look.sourceFiles.has(word)) problems.push(`file ${word}`);
    const file = word.match(REPO_PATH)?.[1];
    if (file && !existsSync(path.join(root, file.replace(/[.,;:]$/, "")))) problems.push(`file ${file}`);
    // A route alone or after the origin's variable (`NEXTAUTH_URL/api/auth/callback/github`); a query is no part of it.
    const route = word.match(/^(?:[A-Z_]+)?(\/api\/[^\s?…]*)/)?.[1];
    if (route && !routeExists(route)) problems.push(`route ${route}`);
  }
  return problems;
}

function lookups(): Lookups {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string>; dependencies: Record<string, string> };
  const files = sourceFiles();
  return {
    program: buildProgram(() => {}),
    scripts: new Set(Object.keys(pkg.scripts)),
    services: new Set(Object.keys(pkg.dependencies).flatMap((d) => d.match(/^@aws-sdk\/client-(.+)$/)?.[1] ?? [])),
    sourceFiles: new Set(files.map((f) => path.basename(f))),
    rules: new Set(RULES.map((r) => r.id)),
    // Tests left out: a test may still name what the code dropped.
    code: files.filter((f) => !/\.test\.tsx?$/.test(f)).map((f) => readFileSync(f, "utf8")).join("\n"),
    demo: readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8"),
  };
}

describe("names the documentation gives in code", () => {
  const look = lookups();

  it("reports a made-up file, script, bench part, variable, command, flag, route and rule", () => {
    expect(danglingNames("lib/http/no-such-module.ts", look)).toEqual(["file lib/http/no-such-module.ts"]);
    expect(danglingNames("npm run no-such-script", look)).toEqual(["npm script no-such-script"]);
    expect(danglingNames("npm run bench -- nosuchpart", look)).toEqual(["bench part nosuchpart"]);
    expect(danglingNames("LPG_NO_SUCH_SETTING=1", look)).toEqual(["environment variable LPG_NO_SUCH_SETTING"]);
    expect(danglingNames("npm run cli -- nosuch FILE", look)).toEqual(["CLI command nosuch"]);
    expect(danglingNames("npm run cli -- analyze FILE --no-such-flag", look)).toEqual(["flag --no-such-flag of analyze"]);
    expect(danglingNames("--no-such-flag", look)).toEqual(["flag --no-such-flag"]);
    expect(danglingNames("/api/graph/no-such-route", look)).toEqual(["route /api/graph/no-such-route"]);
    expect(danglingNames("lambda-no-such-rule", look)).toEqual(["name lambda-no-such-rule"]);
    // SNS is scanned now (GetTopicAttributes): SES, whose client the scan has not, stands for an endpoint never used.
    expect(danglingNames("AWS_ENDPOINT_URL_SES", look)).toEqual(["environment variable AWS_ENDPOINT_URL_SES"]);
    expect(danglingNames("no-such-module.ts", look)).toEqual(["file no-such-module.ts"]);
  });

  it("finds what exists, whatever the quoting around it", () => {
    expect(danglingNames("npm run -s cli -- analyze FILE --format json", look)).toEqual([]);
    expect(danglingNames("npm start -- --port 3001", look)).toEqual([]);
    expect(danglingNames("LPG_DATA_DIR/signed-out-sessions/", look)).toEqual([]);
    expect(danglingNames("NEXTAUTH_URL/api/auth/callback/github", look)).toEqual([]);
    expect(danglingNames("/api/graph/list?list=findings", look)).toEqual([]);
    expect(danglingNames("invoker-role-open-trust", look)).toEqual([]);
    expect(danglingNames("AWS_ENDPOINT_URL_LAMBDA", look)).toEqual([]);
    expect(danglingNames("wildcard.ts", look)).toEqual([]);
    expect(codeSpans("a `x` b lib/a.ts [c](lib/b.ts)\n```sh\nnpm test  # c\n```\n```json\n{\"y\": 1}\n```\n")).toEqual(["x", "npm test", "lib/a.ts"]);
  });

  it.each(documents)("%s names only files, scripts, variables, flags, routes and rules that exist", (document) => {
    const spans = codeSpans(readFileSync(path.join(root, document), "utf8"));
    expect(spans.flatMap((span) => danglingNames(span, look).map((p) => `${p} (in \`${span}\`)`))).toEqual([]);
  });
});

/**
 * The other way round: what a user can set or run must be findable in the docs. Reads by a computed name (the SDK
 * endpoint variables, a provider's ID/SECRET pair) are not seen here; doc-names above checks the names the docs give.
 */
const SET_BY_OTHERS: Record<string, string> = {
  INIT_CWD: "set by npm: where a command was typed, for its relative file arguments (README, Configuration)",
  NEXT_RUNTIME: "set by Next.js: which runtime loads instrumentation.ts",
  NODE_ENV: "set by Next.js: `next dev` is development, and its CSP allows what the dev overlay needs",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "set by the scan for the AWS SDK (its Node version warning), never read",
};

/** The environment variables the shipped code (not tests, fixtures or benchmarks) reads by a literal name. */
function variablesTheCodeReads(): Set<string> {
  const shipped = sourceFiles().filter((f) => {
    const rel = path.relative(root, f);
    return /^(app|lib|cli|components|scripts)\//.test(rel) || !rel.includes("/");
  });
  const names = new Set<string>();
  for (const file of shipped.filter((f) => !/\.test\.tsx?$|test-support\.ts$|\/fixtures\//.test(f) && !f.endsWith(".ci/run"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)\b|\benv\[\s*"([A-Z][A-Z0-9_]+)"\s*\]/g)) names.add(m[1] ?? m[2] ?? "");
  }
  return names;
}

/** Names among `names` that no document mentions as a word. */
function undocumented(names: Iterable<string>, docs: string): string[] {
  return [...names].filter((n) => !(n in SET_BY_OTHERS) && !new RegExp(`(?<![\\w-])${n.replace(/[-]/g, "\\-")}(?![\\w-])`).test(docs));
}

describe("what the code offers is in the documentation", () => {
  const docs = documents.map((d) => readFileSync(path.join(root, d), "utf8")).join("\n");

  it("finds a variable, bench part or flag no document names", () => {
    expect(undocumented(["LPG_NO_SUCH_SETTING", "LPG_DATA_DIR"], docs)).toEqual(["LPG_NO_SUCH_SETTING"]);
    expect(undocumented(["LPG_DATA"], "`LPG_DATA_DIR`")).toEqual(["LPG_DATA"]);
    expect(undocumented(["--port"], "`--ports`")).toEqual(["--port"]);
  });

  it("names every environment variable the code reads", () => {
    const read = variablesTheCodeReads();
    expect(read).toContain("LPG_DATA_DIR");
    expect(read).toContain("LPG_UPLOAD_MAX_MB");
    expect(undocumented(read, docs)).toEqual([]);
  });

  it("names every bench part and every option of every CLI command", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(undocumented(Object.keys(BENCH_PARTS).map((p) => `-- ${p}`), readme)).toEqual([]);
    const options = buildProgram(() => {}).commands.flatMap((c) => c.options.map((o) => o.long ?? "").filter((l) => l !== "--help"));
    expect(undocumented(options, docs)).toEqual([]);
  });
});
