/** IpAddress / NotIpAddress (reference_policies_elements_condition_operators.html#Conditions_IPAddress). */
import { cidrContains, parseCidr, parseIp } from "./ip-address";
import { defineOperators } from "./operator";

function inRange(requestValue: string, policyValue: string): boolean {
  const cidr = parseCidr(policyValue);
  const ip = parseIp(requestValue);
  return cidr !== undefined && ip !== undefined && cidrContains(cidr, ip);
}

export const ipOperators = defineOperators(
  {
    variables: false,
    glob: false,
    invalid: (v) => (parseCidr(v) === undefined ? `"${v}" is not an IP address or CIDR block` : undefined),
  },
  {
    IpAddress: { test: inRange },
    NotIpAddress: { negated: true, test: inRange },
  },
);
