/** One finding: severity, title, detail, every piece of evidence with where it came from, and the remediation. */
import type { Evidence, EvidenceSource, Finding } from "@/lib/analysis/types";
import { SEVERITY_CHIP, SEVERITY_LABEL, SEVERITY_SOFT } from "@/components/severity-style";
import { CopyButton } from "@/components/copy-button";
import { EvidenceJson } from "./evidence-json";
import { visibleText } from "@/lib/view/visible-text";
import { printable } from "@/lib/view/long-words";
import { remediationParts, type RemediationPart } from "@/lib/view/remediation-parts";
import { positionAmongTwins } from "@/lib/view/count-text";
import { applyFirstText } from "@/lib/view/apply-first";

function sourceFacts(s: EvidenceSource | undefined): [string, string][] {
  if (!s) return [];
  const facts: [string, string | number | undefined][] = [
    ["Role", s.roleName ?? s.roleArn],
    ["Policy", s.policyName ?? s.policyArn],
    ["Policy kind", s.policyKind],
    ["Policy ARN", s.policyName ? s.policyArn : undefined],
    ["Statement index", s.statementIndex],
    ["Sid", s.sid],
    ["Mapping UUID", s.mappingUuid],
    ["Function", s.functionArn],
    ["Resource", s.resourceArn],
    ["Operation", s.operation],
  ];
  return facts.filter((f): f is [string, string | number] => f[1] !== undefined && f[1] !== "").map(([k, v]) => [k, String(v)]);
}

/**
 * `of`: which finding and which of its evidence, for the document's accessible name. Findings of one function often
 * cite the same statement: named by its description alone, their documents were regions no one could tell apart.
 */
function EvidenceItem({ evidence, of }: { evidence: Evidence; of: string }) {
  const facts = sourceFacts(evidence.source);
  return (
    <li className="space-y-2" data-testid="evidence">
      <p className="text-sm text-slate-800">{printable(evidence.description)}</p>
      {facts.length ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="evidence-source">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-all font-mono text-slate-900">{printable(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {evidence.document !== undefined ? <EvidenceJson document={evidence.document} highlight={evidence.highlight} label={`Document: ${printable(evidence.description)} (${of})`} /> : null}
    </li>
  );
}

const COPY_PART = { command: "Copy command", document: "Copy JSON" } as const;

/**
 * A command or a document gets its own copy button: the whole fix pasted into a shell runs every command in it.
 * `purpose` tells the button from its twins in the panel (which finding, which of its commands).
 */
function RemediationPartView({ part, purpose }: { part: RemediationPart; purpose: string }) {
  const pre = <pre className="whitespace-pre-wrap break-words font-mono text-[12px] text-slate-900">{printable(part.text, { lines: true })}</pre>;
  if (part.kind === "text") return pre;
  // The button floats in the block's corner: beside it as a column, a policy's lines wrapped at half the width.
  return (
    <div className="flow-root rounded border border-slate-200 bg-white p-1.5" data-testid={`remediation-${part.kind}`}>
      <span className="float-right mb-1 ml-2">
        <CopyButton text={visibleText(part.text, { lines: true })} label={COPY_PART[part.kind]} testId="copy-part" purpose={purpose} />
      </span>
      {pre}
    </div>
  );
}

/** "for <title>", or "2 of 3 for <title>" where the fix has several parts of this kind (two commands, say). */
function partPurpose(parts: readonly RemediationPart[], i: number, title: string): string {
  const position = positionAmongTwins(parts, i, (p) => p.kind);
  return position ? `${position} for ${title}` : `for ${title}`;
}

/**
 * `twin`: "2 of 2" where the node (or the accepted list) holds other findings of its title. Its name, its copy buttons' and
 * its documents' then say which one, as screen readers list them out of the cards they sit in.
 */
export function FindingCard({ finding, twin }: { finding: Finding; twin?: string }) {
  const title = twin ? `${printable(finding.title)} (${twin})` : printable(finding.title);
  const parts = remediationParts(finding.remediation);
  const applyFirst = applyFirstText(finding);
  return (
    <article
      data-testid="finding"
      data-rule={finding.rule}
      aria-label={`${SEVERITY_LABEL[finding.severity]} finding: ${title}`}
      className={`rounded-lg border border-l-4 bg-white p-3 ${SEVERITY_SOFT[finding.severity].split(" ")[0]} border-y-slate-200 border-r-slate-200`}
    >
      <header className="flex items-start gap-2">
        <span className={`mt-0.5 shrink-0 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[finding.severity]}`}>
          {SEVERITY_LABEL[finding.severity]}
        </span>
        <div className="min-w-0">
          <h4 className="text-sm font-semibold text-slate-900">{printable(finding.title)}</h4>
          <p className="font-mono text-[11px] text-slate-600">{finding.rule}</p>
          {finding.conditional && (
            <p className="text-[11px] text-slate-600" data-testid="finding-conditional">
              Conditional: rests on an answer the snapshot cannot decide
            </p>
          )}
        </div>
      </header>
      <p className="mt-2 text-sm text-slate-700">{printable(finding.detail)}</p>
      {finding.evidence.length ? (
        <section className="mt-3">
          <h5 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Evidence</h5>
          <ol className="mt-1.5 space-y-3">
            {finding.evidence.map((e, i) => (
              <EvidenceItem key={i} evidence={e} of={`evidence ${i + 1} of ${finding.evidence.length}, ${finding.rule}: ${title}`} />
            ))}
          </ol>
        </section>
      ) : null}
      <section className="mt-3" data-testid="remediation">
        <div className="flex items-center justify-between">
          <h5 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Remediation</h5>
          {/* What is copied is what is shown, whole: a command pasted into a shell must hold no hidden characters, and a
              word cut for display (a crafted ARN past AWS's longest) would make it another command. */}
          <CopyButton text={visibleText(finding.remediation, { lines: true })} label="Copy fix" purpose={`for ${title}`} />
        </div>
        {applyFirst && (
          <p className="mt-1 text-xs font-medium text-slate-800" data-testid="finding-apply-first">
            {applyFirst}
          </p>
        )}
        <div className="mt-1.5 space-y-1.5 rounded-md bg-slate-100 p-2">
          {parts.map((part, i) => (
            <RemediationPartView key={i} part={part} purpose={partPurpose(parts, i, title)} />
          ))}
        </div>
      </section>
    </article>
  );
}
