import { createHash } from "node:crypto";

/**
 * Stable finding ids: rule + the ARN the finding is about + an optional discriminator naming the thing within it
 * (statement Sid, mapping UUID, destination ARN). No counters, so an id survives a rescan and links keep working.
 */
export function findingId(rule: string, target: string, discriminator?: string): string {
  return discriminator ? `${rule}:${target}#${discriminator}` : `${rule}:${target}`;
}

/** Longest list a discriminator spells out; past it, a count and a digest stand in (ids travel in links). */
const LIST_ROOM = 160;

/**
 * A discriminator for a finding about a set of things (the principals a trust policy lets in, the reads that
 * failed): `kind=` and the set, sorted, so the id names exactly what the finding is about. When the set changes the
 * id does, and an accepted finding (an `id` suppression) is not silently stretched over what was added later.
 */
export function setDiscriminator(kind: string, items: readonly string[]): string {
  const sorted = [...new Set(items)].sort();
  const spelled = sorted.join(",");
  if (spelled.length <= LIST_ROOM) return `${kind}=${spelled}`;
  return `${kind}=${sorted.length}-${createHash("sha256").update(spelled).digest("hex").slice(0, 16)}`;
}

/**
 * What a finding is about whatever its set (setDiscriminator's `kind=` part dropped): one role's other principals,
 * one function's gaps. Scans compare by it, so a set that grew is a finding changed, not one fixed and one new.
 * (No other discriminator starts with a bare word and `=`: Sids, UUIDs and ARNs hold none.)
 */
export function findingSubject(id: string): string {
  const hash = id.indexOf("#");
  if (hash < 0) return id;
  const set = /^([a-z-]+)=/.exec(id.slice(hash + 1));
  return set ? `${id.slice(0, hash + 1)}${set[1]}` : id;
}

/** How evidence and ids name a statement: its Sid, or `#<index>` when it has none. */
export function statementLabel(statement: { sid?: string; index: number }): string {
  return statement.sid ? statement.sid : `#${statement.index}`;
}

/** The ARN `findingId` was given (ARNs hold no `#`), for rules that read other rules' findings. */
export function findingTarget(finding: { id: string; rule: string }): string {
  const rest = finding.id.slice(finding.rule.length + 1);
  const hash = rest.indexOf("#");
  return hash < 0 ? rest : rest.slice(0, hash);
}
