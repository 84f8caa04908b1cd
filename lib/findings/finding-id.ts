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
