/**
 * What an empty function list says when the snapshot itself has no functions, rather than "No function
 * matches" with no filter set: the usual cause is a scan of the wrong regions, so it says where to look. A snapshot
 * that covers no region at all read nothing: whether the account has functions is unknown, not "none".
 */
export function noFunctionsText(regions: readonly string[]): string {
  const scan = "LPG_SCAN_REGIONS for Scan now, or --regions a,b (or all) for the CLI's scan.";
  if (regions.length === 0) {
    return `This snapshot covers no region: no functions were read, so whether the account has any is unknown. Scan the account's regions: ${scan}`;
  }
  const where = `in the region${regions.length === 1 ? "" : "s"} it covers (${regions.join(", ")})`;
  return `This snapshot has no Lambda functions ${where}. If the account runs functions elsewhere, scan those regions: ${scan}`;
}
