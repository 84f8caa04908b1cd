/**
 * IpAddress / NotIpAddress (reference_policies_elements_condition_operators.html#Conditions_IPAddress).
 * An IPv4-mapped IPv6 address (`::ffff:10.1.2.3`, or a block of them such as `::ffff:10.0.0.0/104`) names an IPv4 node
 * (RFC 4291 §2.5.5.2), and parsers differ on it: Java's InetAddress and Go's net.IPNet read it as that IPv4 address,
 * others as an IPv6 address apart from every IPv4 one. AWS's pages say neither, so a comparison the two readings
 * decide differently is unknown (operator.ts `ambiguous`) and the answer names the value.
 */
import { cidrContains, parseCidr, parseIp, unmappedCidr, unmappedIp } from "./ip-address";
import { defineOperators } from "./operator";

function inRange(requestValue: string, policyValue: string): boolean | "unknown" {
  const cidr = parseCidr(policyValue);
  const ip = parseIp(requestValue);
  if (cidr === undefined || ip === undefined) return false;
  const apart = cidrContains(cidr, ip);
  const mappedCidr = unmappedCidr(cidr);
  const mappedIp = unmappedIp(ip);
  if (mappedCidr === undefined && mappedIp === undefined) return apart;
  const asIpv4 = cidrContains(mappedCidr ?? cidr, mappedIp ?? ip);
  return asIpv4 === apart ? apart : "unknown";
}

/** Why a value has two readings (an IPv4-mapped address or block of them), or undefined. */
function mappedReading(value: string): string | undefined {
  const cidr = parseCidr(value);
  if (cidr === undefined || unmappedCidr(cidr) === undefined) return undefined;
  return `${JSON.stringify(value)} is IPv4-mapped, which AWS does not document as the IPv4 address it maps or as an IPv6 address apart from it`;
}

export const ipOperators = defineOperators(
  {
    variables: false,
    glob: false,
    invalid: (v) => (parseCidr(v) === undefined ? `"${v}" is not an IP address or CIDR block` : undefined),
    ambiguous: mappedReading,
  },
  {
    IpAddress: { test: inRange },
    NotIpAddress: { negated: true, test: inRange },
  },
);
