/**
 * Lambda managed runtimes and their deprecation dates, from AWS's "Lambda runtimes" page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html: the supported and deprecated tables, and the
 * per-language pages they link, e.g. lambda-java.html, lambda-python.html) and its "Runtime deprecation policy"
 * (runtime-support-policy.html). Reviewed December 2026: the Amazon Linux 2 runtimes' dates had moved past AL2's own
 * end of life (June 2026) — Java 8/11/17 on AL2 and Python 3.11 to 2027-06-30, Python 3.10 to 2026-10-31 — and
 * .NET 8 was deprecated on 2026-11-10. Dates of runtimes not yet deprecated are AWS's projections and move; update
 * this table when AWS changes them. `runtime-deprecated` compares them, as AWS states them (UTC days), with the UTC
 * day of the snapshot's capturedAt, never the clock.
 *
 * Only identifiers a function's Runtime field can hold: container-image-only runtimes (.NET 5, 7 and 9) have none.
 * A runtime missing here gets no finding, neither "deprecated" nor a date it never had: the Lambda SDK's names that
 * AWS's pages gave no date for are listed, with why, in lib/aws/lambda-runtime-names.test.ts.
 */
export interface RuntimeInfo {
  name: string;
  /** YYYY-MM-DD: from this day the runtime is deprecated (no security patches, creation blocked). */
  deprecated: string;
}

export const RUNTIMES: Readonly<Record<string, RuntimeInfo>> = {
  nodejs: { name: "Node.js 0.10", deprecated: "2016-10-31" },
  "nodejs4.3": { name: "Node.js 4.3", deprecated: "2020-03-05" },
  // AWS dates its deprecation 2020-03-05, a year after creating and updating functions on it was blocked (April 2019).
  "nodejs4.3-edge": { name: "Node.js 4.3 edge", deprecated: "2020-03-05" },
  "nodejs6.10": { name: "Node.js 6.10", deprecated: "2019-08-12" },
  "nodejs8.10": { name: "Node.js 8.10", deprecated: "2020-03-06" },
  "nodejs10.x": { name: "Node.js 10", deprecated: "2021-07-30" },
  "nodejs12.x": { name: "Node.js 12", deprecated: "2023-03-31" },
  "nodejs14.x": { name: "Node.js 14", deprecated: "2023-12-04" },
  "nodejs16.x": { name: "Node.js 16", deprecated: "2024-06-12" },
  "nodejs18.x": { name: "Node.js 18", deprecated: "2025-09-01" },
  "nodejs20.x": { name: "Node.js 20", deprecated: "2026-04-30" },
  "nodejs22.x": { name: "Node.js 22", deprecated: "2027-04-30" },
  "nodejs24.x": { name: "Node.js 24", deprecated: "2028-04-30" },
  "python2.7": { name: "Python 2.7", deprecated: "2021-07-15" },
  "python3.6": { name: "Python 3.6", deprecated: "2022-07-18" },
  "python3.7": { name: "Python 3.7", deprecated: "2023-12-04" },
  "python3.8": { name: "Python 3.8", deprecated: "2024-10-14" },
  "python3.9": { name: "Python 3.9", deprecated: "2025-12-15" },
  "python3.10": { name: "Python 3.10", deprecated: "2026-10-31" },
  "python3.11": { name: "Python 3.11", deprecated: "2027-06-30" },
  "python3.12": { name: "Python 3.12", deprecated: "2028-10-31" },
  "python3.13": { name: "Python 3.13", deprecated: "2029-06-30" },
  "python3.14": { name: "Python 3.14", deprecated: "2029-06-30" },
  java8: { name: "Java 8 (Amazon Linux 1)", deprecated: "2024-01-08" },
  "java8.al2": { name: "Java 8 (Amazon Linux 2)", deprecated: "2027-06-30" },
  java11: { name: "Java 11 (Amazon Linux 2)", deprecated: "2027-06-30" },
  java17: { name: "Java 17 (Amazon Linux 2)", deprecated: "2027-06-30" },
  // Java 8, 11 and 17 again on Amazon Linux 2023 (July 2026), for functions that cannot move to Java 21 yet. Their
  // dates are Amazon Linux 2023's end of life; the December 2026 review found no AWS page to confirm them.
  "java8.al2023": { name: "Java 8 (Amazon Linux 2023)", deprecated: "2029-06-30" },
  "java11.al2023": { name: "Java 11 (Amazon Linux 2023)", deprecated: "2029-06-30" },
  "java17.al2023": { name: "Java 17 (Amazon Linux 2023)", deprecated: "2029-06-30" },
  java21: { name: "Java 21", deprecated: "2029-06-30" },
  java25: { name: "Java 25", deprecated: "2029-06-30" },
  "dotnetcore1.0": { name: ".NET Core 1.0", deprecated: "2019-06-27" },
  "dotnetcore2.0": { name: ".NET Core 2.0", deprecated: "2019-05-30" },
  "dotnetcore2.1": { name: ".NET Core 2.1", deprecated: "2022-01-05" },
  "dotnetcore3.1": { name: ".NET Core 3.1", deprecated: "2023-04-03" },
  dotnet6: { name: ".NET 6", deprecated: "2024-12-20" },
  dotnet8: { name: ".NET 8", deprecated: "2026-11-10" },
  dotnet10: { name: ".NET 10", deprecated: "2028-11-14" },
  "ruby2.5": { name: "Ruby 2.5", deprecated: "2021-07-30" },
  "ruby2.7": { name: "Ruby 2.7", deprecated: "2023-12-07" },
  "ruby3.2": { name: "Ruby 3.2", deprecated: "2026-03-31" },
  "ruby3.3": { name: "Ruby 3.3", deprecated: "2027-03-31" },
  "ruby3.4": { name: "Ruby 3.4", deprecated: "2028-03-31" },
  "ruby4.0": { name: "Ruby 4.0", deprecated: "2029-03-31" },
  "go1.x": { name: "Go 1.x", deprecated: "2024-01-08" },
  provided: { name: "OS-only (Amazon Linux 1)", deprecated: "2024-01-08" },
  // Not confirmed in the December 2026 review: copies of the page before the AL2 extension said 2026-06-30.
  "provided.al2": { name: "OS-only (Amazon Linux 2)", deprecated: "2026-07-31" },
  "provided.al2023": { name: "OS-only (Amazon Linux 2023)", deprecated: "2029-06-30" },
};

/**
 * The language a runtime belongs to, for suggesting its successor: .NET Core became .NET, and Go's managed runtime
 * (go1.x) was retired in favour of the OS-only runtimes, which run a Go binary.
 */
function familyOf(runtime: string): string | undefined {
  const m = /^(nodejs|python|java|dotnetcore|dotnet|ruby|provided|go)/.exec(runtime);
  if (!m) return undefined;
  return m[1] === "dotnetcore" ? "dotnet" : m[1] === "go" ? "provided" : m[1];
}

/**
 * The runtime of the same language that stays supported longest as of `day` (YYYY-MM-DD), if any: what a
 * remediation can name instead of a placeholder. A later entry wins a tie (the table lists versions in order).
 */
export function supportedSuccessor(runtime: string, day: string): string | undefined {
  const family = familyOf(runtime);
  if (!family) return undefined;
  let best: string | undefined;
  for (const [name, info] of Object.entries(RUNTIMES)) {
    if (familyOf(name) !== family || name.endsWith("-edge") || info.deprecated <= day) continue;
    if (best === undefined || info.deprecated >= (RUNTIMES[best] as RuntimeInfo).deprecated) best = name;
  }
  return best;
}
