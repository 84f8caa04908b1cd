/**
 * What an empty function list says when the snapshot itself has no functions, rather than "No function
 * matches" with no filter set: the usual cause is a scan of the wrong regions, so it says where to look.
 */
export function noFunctionsText(regions: readonly string[]): string {
  const where = regions.length ? `in the region${regions.length === 1 ? "" : "s"} it covers (${regions.join(", ")})` : "in any region";
  return (
    `This snapshot has no Lambda functions ${where}. If the account runs functions elsewhere, scan those regions: ` +
    "LPG_SCAN_REGIONS for Scan now, or --regions a,b (or all) for the CLI's scan."
  );
}
