/**
 * SDK output → snapshot JSON: the response shape of the API reference, minus the SDK's `$metadata` and the
 * paging fields, with timestamps (which the SDK turns into Date) back to ISO-8601 text. Whole seconds are written
 * without milliseconds, as IAM and Lambda return them.
 */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, "Z");
}

const DROP = new Set(["$metadata", "NextMarker", "Marker", "IsTruncated", "NextToken"]);

export function plain<T>(output: T): T {
  return JSON.parse(
    JSON.stringify(output, function (this: Record<string, unknown>, key: string, value: unknown) {
      // Top level only: an environment variable or tag may well be called Marker or NextToken.
      if (this === (output as unknown) && DROP.has(key)) return undefined;
      const raw = this[key];
      return raw instanceof Date ? (Number.isNaN(raw.getTime()) ? undefined : isoSeconds(raw)) : value;
    }),
  ) as T;
}

/** The same object with its keys sorted, so the same account always serialises to the same bytes. */
export function sortedKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
