/**
 * IpAddress / NotIpAddress (reference_policies_elements_condition_operators.html#Conditions_IPAddress).
 * An IPv4-mapped IPv6 address (`::ffff:10.1.2.3`, or a block of them such as `::ffff:10.0.0.0/104`) names an IPv4 node
 * (RFC 4291 §2.5.5.2), and parsers differ on it: Java's InetAddress and Go's net.IPNet read it as that IPv4 address,
 * others as an IPv6 address apart from every IPv4 one. AWS's pages say neither, so a comparison the two readings
 * decide differently is unknown (operator.ts `ambiguous`) and the answer names the value.
 * An IPv4 part with a leading zero (`010.1.2.3`) is ten to some parsers, eight to others, and refused by others still
 * (Go's net.ParseIP, JSON-schema validators): AWS's pages show none. As numeric.ts does with "010", such a value is
 * read each way (`ambiguous` for octal, `undocumented` for refusal) and decides only where all agree. So does a block
 * whose prefix length has a leading zero (`10.0.0.0/08`): `/8` to parsers that read the length as a decimal integer,
 * refused by Go's netip; AWS's pages write none (`undocumented`).
 */
import { cidrContains, hasLeadingZero, hasPaddedPrefix, parseCidr, parseIp, unmappedCidr, unmappedIp, type Cidr } from "./ip-address";
import { defineOperators } from "./operator";

function inRange(requestValue: string, policyValue: string): boolean | "unknown" {
  const cidr = parseCidr(policyValue);
  const ip = parseIp(requestValue);
  if (cidr === undefined || ip === undefined) return false;
  const cidrs = [cidr, parseCidr(policyValue, "octal")].filter((c): c is Cidr => c !== undefined);
  const ips = [ip, parseIp(requestValue, "octal")].filter((i): i is Uint8Array => i !== undefined);
  let held: boolean | "unknown" | undefined;
  for (const c of cidrs) {
    for (const i of ips) {
      const h = inRangeMapped(c, i);
      if (h === "unknown" || (held !== undefined && h !== held)) return "unknown";
      held = h;
    }
  }
  return held!;
}

/** Whether `ip` lies in `cidr`, an IPv4-mapped side read both ways. */
function inRangeMapped(cidr: Cidr, ip: Uint8Array): boolean | "unknown" {
  const apart = cidrContains(cidr, ip);
  const mappedCidr = unmappedCidr(cidr);
  const mappedIp = unmappedIp(ip);
  if (mappedCidr === undefined && mappedIp === undefined) return apart;
  const asIpv4 = cidrContains(mappedCidr ?? cidr, mappedIp ?? ip);
  return asIpv4 === apart ? apart : "unknown";
}

/** Why a value has two readings (an IPv4-mapped address or block of them; a leading zero read as octal), or undefined. */
function twoReadings(value: string): string | undefined {
  const cidr = parseCidr(value);
  if (cidr === undefined) return undefined;
  if (unmappedCidr(cidr) !== undefined) {
    return `${JSON.stringify(value)} is IPv4-mapped, which AWS does not document as the IPv4 address it maps or as an IPv6 address apart from it`;
  }
  return parseCidr(value, "octal") === undefined ? undefined : `${JSON.stringify(value)} has an IPv4 part with a leading zero, which some parsers read as octal`;
}

/** Why a value we read is in a form AWS does not document (a leading zero in an IPv4 part or the prefix), or undefined. */
function leadingZeroForm(value: string): string | undefined {
  if (parseCidr(value) === undefined) return undefined;
  const parts = [hasLeadingZero(value) ? "an IPv4 part" : undefined, hasPaddedPrefix(value) ? "a prefix length" : undefined].filter((p) => p !== undefined);
  if (parts.length === 0) return undefined;
  return `${JSON.stringify(value)} has ${parts.join(" and ")} with a leading zero, which AWS does not document and some parsers refuse`;
}

export const ipOperators = defineOperators(
  {
    variables: false,
    glob: false,
    invalid: (v) => (parseCidr(v) === undefined ? `"${v}" is not an IP address or CIDR block` : undefined),
    ambiguous: twoReadings,
    undocumented: leadingZeroForm,
  },
  {
    IpAddress: { test: inRange },
    NotIpAddress: { negated: true, test: inRange },
  },
);
