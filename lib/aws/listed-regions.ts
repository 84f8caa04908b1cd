/**
 * Regions named on the command line (or LPG_SCAN_REGIONS), checked against the account's own list before the scan.
 * The SDK sends any well-formed name to its host: a mistyped "us-esat-1" made every call of that region fail on a
 * host that does not exist, and a disabled opt-in region on credentials AWS does not accept there, one error per
 * call, after a whole scan's wait. DescribeRegions with AllRegions lists every region of the partition with its
 * opt-in status; when it cannot be read (no ec2:DescribeRegions), the regions are scanned as given and their own
 * calls say what went wrong.
 */
import { DescribeRegionsCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { ScanSetupError } from "./errors";

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment): "esat" is one from "east". */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The listed regions nearest to a name, two edits at most: the likely intended ones. */
function nearest(name: string, regions: Iterable<string>): string[] {
  const scored = [...regions].map((r) => ({ r, d: editDistance(name, r) })).filter((x) => x.d <= 2);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.r).sort();
}

export async function checkRegionsListed(ec2: EC2Client, wanted: readonly string[]): Promise<void> {
  let listed: Map<string, string | undefined>;
  try {
    const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    listed = new Map((out.Regions ?? []).flatMap((r) => (typeof r.RegionName === "string" ? [[r.RegionName, r.OptInStatus] as const] : [])));
  } catch {
    return;
  }
  if (listed.size === 0) return;
  const unknown = wanted.find((r) => !listed.has(r));
  if (unknown !== undefined) {
    const near = nearest(unknown, listed.keys());
    throw new ScanSetupError(
      `Region "${unknown}" is not one of this account's regions (DescribeRegions)${near.length ? `: did you mean ${near.slice(0, 3).join(" or ")}?` : "."} ` +
        "Correct the region list, or scan all regions with all.",
    );
  }
  const disabled = wanted.filter((r) => listed.get(r) === "not-opted-in");
  if (disabled.length > 0) {
    throw new ScanSetupError(
      `Region${disabled.length > 1 ? "s" : ""} ${disabled.join(", ")} ${disabled.length > 1 ? "are" : "is"} not enabled in this account (opt-in, not opted in): ` +
        "AWS refuses every call there. Enable it in the account settings, or leave it out of the region list.",
    );
  }
}
