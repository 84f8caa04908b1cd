/**
 * Stable finding ids: rule + the ARN the finding is about + an optional discriminator naming the thing within it
 * (statement Sid, mapping UUID, destination ARN). No counters, so an id survives a rescan and links keep working.
 */
export function findingId(rule: string, target: string, discriminator?: string): string {
  return discriminator ? `${rule}:${target}#${discriminator}` : `${rule}:${target}`;
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
