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
import { nearestNames } from "@/lib/nearest-names";

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
    const near = nearestNames(unknown, listed.keys());
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
