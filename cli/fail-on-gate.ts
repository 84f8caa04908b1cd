/**
 * `--fail-on SEVERITY` as analyze and compare gate on it: one verdict for both, so "unknown is never fine" holds
 * whichever command a pipeline runs. A gate that passes data it could not read says "fine" where the honest answer is
 * "unknown", and data-unavailable's own severity (info) is below any usual threshold: so unread data fails the gate
 * at any threshold unless accepted (--suppress) or let through (--allow-unknown, still warned of).
 */
import { z } from "zod";
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import { plural } from "@/lib/view/count-text";
import { wordOption } from "./errors";

/** `--fail-on SEVERITY`, any case: analyze and compare take it alike. */
export const FailOnOption = wordOption(SEVERITIES as [Severity, ...Severity[]], `--fail-on must be one of ${SEVERITIES.join(", ")}`).optional();

/** `--allow-unknown`, and the check that it comes with `--fail-on` (it says how to gate, so alone it means nothing). */
export const AllowUnknownOption = z.boolean().optional();
export const allowUnknownNeedsFailOn = [
  (o: { allowUnknown?: boolean; failOn?: Severity }) => !o.allowUnknown || o.failOn !== undefined,
  { error: "--allow-unknown goes with --fail-on SEVERITY" },
] as const;

/** The findings at or above `failOn` (a lower index in SEVERITIES is worse). */
export function atOrAbove<F extends { severity: Severity }>(findings: readonly F[], failOn: Severity): F[] {
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.filter((f) => SEVERITIES.indexOf(f.severity) <= threshold);
}

/** A report's data-unavailable findings not already counted as hits: those the threshold alone would let pass. */
export function unreadData<F extends { id: string; rule: string }>(findings: readonly F[], hits: readonly { id: string }[]): F[] {
  const counted = new Set(hits.map((h) => h.id));
  return findings.filter((f) => f.rule === "data-unavailable" && !counted.has(f.id));
}

export interface GateInput {
  failOn: Severity;
  allowUnknown: boolean;
  hits: number;
  /** What a hit is called: "finding" (analyze) or "new finding" (compare); "(s)" is added on stderr. */
  hitWord: string;
  unread: number;
  /** What an unread one is called: "data-unavailable finding", or compare's wider kind. */
  unreadWord: string;
}

export interface GateVerdict {
  code: 0 | 2;
  /** One line saying why the exit code is what it is, written last on stderr. */
  reason: string;
}

const UNKNOWN = "data the analysis needed could not be read, so those functions are unknown, not fine";

/**
 * The exit code and why, all said on stderr: the counts behind it, unread data warned of even when let through, and
 * the verdict line last. On stderr for every format of both commands, so `> report.json` (or .sarif, or a text
 * report kept as an artifact) holds the report alone, and a CI log shows why the step failed whatever the format.
 */
export function failOnGate(g: GateInput): GateVerdict {
  const verdict = decide(g);
  process.stderr.write(`${verdict.reason}\n`);
  return verdict;
}

function decide(g: GateInput): GateVerdict {
  const at = `at or above ${g.failOn}`;
  if (g.hits > 0) process.stderr.write(`${g.hits} ${g.hitWord}(s) ${at}\n`);
  const gatedUnread = g.allowUnknown ? 0 : g.unread;
  // Not gated on request, yet never silent: a green build must not hide that some checks could not run.
  if (g.allowUnknown && g.unread > 0) process.stderr.write(`warning: ${g.unread} ${g.unreadWord}(s) not gated (--allow-unknown): ${UNKNOWN}\n`);
  if (gatedUnread > 0) {
    process.stderr.write(
      `${gatedUnread} ${g.unreadWord}(s): ${UNKNOWN} (accept them with --suppress, or pass --allow-unknown to gate on the other findings alone)\n`,
    );
  }
  const hits = g.hits > 0 ? `${plural(g.hits, g.hitWord)} ${at}` : `no ${g.hitWord} ${at}`;
  const unread = `${plural(g.unread, g.unreadWord)}: data could not be read, so it is unknown, not fine`;
  if (g.hits > 0 || gatedUnread > 0) {
    const parts = [g.hits > 0 ? hits : "", gatedUnread > 0 ? `${unread} (accept with --suppress, or use --allow-unknown)` : ""];
    return { code: 2, reason: `exit 2: ${parts.filter(Boolean).join("; and ")}` };
  }
  return { code: 0, reason: `exit 0: ${hits}; ${g.unread > 0 ? `${plural(g.unread, g.unreadWord)} let through (--allow-unknown)` : "nothing left unknown"}` };
}
