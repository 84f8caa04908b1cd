/** A wait as the report's messages say it, page and server alike: "45 s", "5 min". */
export function waitedText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}
