import { describe, expect, it } from "vitest";
import { cases, itNamesUnreadableValues, runClauseCases } from "./clause-cases";
import { makeContext } from "../context";
import { evaluateClause } from "./evaluate";
import { cidrContains, hasLeadingZero, hasPaddedPrefix, parseCidr, parseIp } from "./ip-address";

const P = "reference_policies_elements_condition_operators";

describe("IP address condition operators", () => {
  runClauseCases(
    cases([
      [`${P}: IpAddress IPv4 CIDR`, "IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "203.0.113.77", "true"],
      [`${P}: IpAddress outside the block`, "IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "203.0.114.1", "false"],
      [`${P}: IpAddress bare address is /32`, "IpAddress", "aws:SourceIp", ["10.0.0.1"], "10.0.0.1", "true"],
      [`${P}: IpAddress /0 matches all IPv4`, "IpAddress", "aws:SourceIp", ["0.0.0.0/0"], "8.8.8.8", "true"],
      [`${P}: IpAddress odd prefix`, "IpAddress", "aws:SourceIp", ["10.0.0.0/9"], "10.127.255.255", "true"],
      [`${P}: IpAddress odd prefix boundary`, "IpAddress", "aws:SourceIp", ["10.0.0.0/9"], "10.128.0.0", "false"],
      [`${P}: IpAddress IPv6 CIDR`, "IpAddress", "aws:SourceIp", ["2001:DB8:1234:5678::/64"], "2001:db8:1234:5678::1", "true"],
      [`${P}: IpAddress IPv6 outside`, "IpAddress", "aws:SourceIp", ["2001:DB8:1234:5678::/64"], "2001:db8:1234:5679::1", "false"],
      [`${P}: IPv4 block never matches IPv6`, "IpAddress", "aws:SourceIp", ["0.0.0.0/0"], "::1", "false"],
      [`${P}: NotIpAddress outside the block`, "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], "198.51.100.1", "true"],
      [`${P}: NotIpAddress inside the block`, "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "198.51.100.0/24"], "198.51.100.1", "false"],
      [`${P}: NotIpAddress absent key is true`, "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], undefined, "true"],
      [`${P}: NotIpAddress does not hold when one block is invalid`, "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "10.0.0.0/40"], "198.51.100.1", "false"],
      [`${P}: NotIpAddress does not hold for a request value that is no address`, "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], "not-an-ip", "false"],
      [`${P}: IpAddress invalid CIDR never matches`, "IpAddress", "aws:SourceIp", ["300.0.0.0/8"], "300.0.0.1", "false"],
      [`${P}: IpAddress IPv6 with :: in the middle`, "IpAddress", "aws:SourceIp", ["2001:db8::/32"], "2001:db8:0:0:1::7", "true"],
      [`${P}: IpAddress a /12 boundary inside`, "IpAddress", "aws:SourceIp", ["172.16.0.0/12"], "172.31.255.255", "true"],
      [`${P}: IpAddress a /12 boundary outside`, "IpAddress", "aws:SourceIp", ["172.16.0.0/12"], "172.32.0.0", "false"],
      [`${P}: IpAddress a /16 is two whole bytes`, "IpAddress", "aws:SourceIp", ["10.1.0.0/16"], "10.2.0.0", "false"],
      [`${P}: IpAddress /32 is the one address`, "IpAddress", "aws:SourceIp", ["10.0.0.1/32"], "10.0.0.2", "false"],
      [`${P}: IpAddress a prefix with text after it is invalid`, "IpAddress", "aws:SourceIp", ["10.0.0.0/8x"], "10.0.0.1", "false"],
      [`${P}: IpAddress a prefix with text before it is invalid`, "IpAddress", "aws:SourceIp", ["10.0.0.0/x8"], "10.0.0.1", "false"],
      [`${P}: IpAddress spaces around the prefix are ignored`, "IpAddress", "aws:SourceIp", [" 10.0.0.0/ 8 "], "10.0.0.1", "true"],
      // An IPv4-mapped address (RFC 4291 §2.5.5.2) is the IPv4 address to some parsers, another address to others.
      [`${P}: an IPv4-mapped request in an IPv4 block only if AWS maps it`, "IpAddress", "aws:SourceIp", ["10.0.0.0/8"], "::ffff:10.1.2.3", "unknown"],
      [`${P}: NotIpAddress likewise`, "NotIpAddress", "aws:SourceIp", ["10.0.0.0/8"], "::ffff:10.1.2.3", "unknown"],
      [`${P}: an IPv4 request in a block of IPv4-mapped addresses only if AWS maps it`, "IpAddress", "aws:SourceIp", ["::ffff:10.0.0.0/104"], "10.1.2.3", "unknown"],
      [`${P}: an IPv4-mapped request outside the block it maps to is out either way`, "IpAddress", "aws:SourceIp", ["10.0.0.0/8"], "::ffff:11.1.2.3", "false"],
      [`${P}: an IPv4-mapped request in a block of them is in either way`, "IpAddress", "aws:SourceIp", ["::ffff:10.0.0.0/104"], "::ffff:10.1.2.3", "true"],
      [`${P}: ::/0 maps no IPv4 block, so holds no IPv4 request`, "IpAddress", "aws:SourceIp", ["::/0"], "10.1.2.3", "false"],
    ]),
  );
  // A leading zero (010) is ten to some parsers, eight to others, refused by others still: decided only where all agree.
  runClauseCases(
    cases([
      [`${P}: a leading-zero block holds its decimal reading's address only if AWS reads it so`, "IpAddress", "aws:SourceIp", ["010.0.0.0/8"], "10.1.2.3", "unknown"],
      [`${P}: a leading-zero block may hold its octal reading's address`, "IpAddress", "aws:SourceIp", ["010.0.0.0/8"], "8.1.2.3", "unknown"],
      [`${P}: outside every reading of a leading-zero block is out`, "IpAddress", "aws:SourceIp", ["010.0.0.0/8"], "11.1.2.3", "false"],
      [`${P}: NotIpAddress does not surely hold against a leading-zero block AWS may refuse`, "NotIpAddress", "aws:SourceIp", ["010.0.0.0/8"], "11.1.2.3", "unknown"],
      [`${P}: NotIpAddress with the readings disagreeing`, "NotIpAddress", "aws:SourceIp", ["010.0.0.0/8"], "10.1.2.3", "unknown"],
      [`${P}: a leading zero with no octal reading (089) is still decimal or refused`, "IpAddress", "aws:SourceIp", ["089.1.2.3"], "89.1.2.3", "unknown"],
      [`${P}: a leading-zero request value read as octal leaves the block`, "IpAddress", "aws:SourceIp", ["10.0.0.0/8"], "010.1.2.3", "unknown"],
      [`${P}: a leading-zero request value read as octal enters the block`, "IpAddress", "aws:SourceIp", ["8.0.0.0/8"], "010.1.2.3", "unknown"],
      [`${P}: a leading zero in an IPv4-embedded IPv6 address is read both ways too`, "IpAddress", "aws:SourceIp", ["::ffff:10.0.0.0/104"], "::ffff:010.1.2.3", "unknown"],
      [`${P}: an IPv6 group's leading zeros are hexadecimal either way`, "IpAddress", "aws:SourceIp", ["2001:0db8::/32"], "2001:db8:0:0:1::7", "true"],
      [`${P}: a lone 0 is no leading zero`, "IpAddress", "aws:SourceIp", ["10.0.0.0/8"], "10.0.0.1", "true"],
    ]),
  );
  // A zero-padded prefix length (/08) is /8 to parsers reading it as a decimal integer, refused by Go's netip: AWS's
  // pages write none, so a clause is decided only where both agree.
  runClauseCases(
    cases([
      [`${P}: a zero-padded prefix holds its /8 reading's address only if AWS reads it so`, "IpAddress", "aws:SourceIp", ["10.0.0.0/08"], "10.200.0.1", "unknown"],
      [`${P}: outside the /8 reading of a zero-padded prefix is out either way`, "IpAddress", "aws:SourceIp", ["10.0.0.0/08"], "11.0.0.1", "false"],
      [`${P}: NotIpAddress does not surely hold against a zero-padded prefix AWS may refuse`, "NotIpAddress", "aws:SourceIp", ["10.0.0.0/08"], "11.0.0.1", "unknown"],
      [`${P}: an IPv6 block's zero-padded prefix likewise`, "IpAddress", "aws:SourceIp", ["2001:db8::/064"], "2001:db8::1", "unknown"],
      [`${P}: /0 is no zero-padded prefix`, "IpAddress", "aws:SourceIp", ["0.0.0.0/0"], "11.0.0.1", "true"],
    ]),
  );
  it("names a zero-padded prefix in the note and evidence of a clause it leaves unknown, in an Allow and a Deny", () => {
    for (const effect of ["Allow", "Deny"] as const) {
      const e = evaluateClause({ operator: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/08"] }, makeContext({ "aws:SourceIp": "10.1.2.3" }, true), "2012-10-17", true, undefined, effect);
      expect(e.result, e.note).toBe("unknown");
      expect(e.note).toContain('"10.0.0.0/08" has a prefix length with a leading zero, which AWS does not document');
      expect(e.undocumentedValues).toEqual(['aws:SourceIp "10.0.0.0/08"']);
    }
    const both = evaluateClause({ operator: "IpAddress", key: "aws:SourceIp", values: ["010.0.0.0/08"] }, makeContext({ "aws:SourceIp": "10.1.2.3" }, true), "2012-10-17");
    expect(both.note).toContain('"010.0.0.0/08" has an IPv4 part and a prefix length with a leading zero');
  });
  it("names a leading-zero value in the note and evidence of a clause it leaves unknown", () => {
    const e = evaluateClause({ operator: "IpAddress", key: "aws:SourceIp", values: ["010.0.0.0/8"] }, makeContext({ "aws:SourceIp": "10.1.2.3" }, true), "2012-10-17");
    expect(e.note).toContain('"010.0.0.0/8" has an IPv4 part with a leading zero');
    expect(e.undocumentedValues).toEqual(['aws:SourceIp "010.0.0.0/8"']);
    const octal = evaluateClause({ operator: "IpAddress", key: "aws:SourceIp", values: ["010.0.0.0/8"] }, makeContext({ "aws:SourceIp": "8.1.2.3" }, true), "2012-10-17");
    expect(octal.note).toContain("which some parsers read as octal");
    expect(octal.undocumentedValues).toEqual(['aws:SourceIp "010.0.0.0/8"']);
  });
  it("a Deny on a leading-zero block a request lies outside of every reading of may still apply (AWS may refuse the value)", () => {
    const e = evaluateClause({ operator: "IpAddress", key: "aws:SourceIp", values: ["010.0.0.0/8"] }, makeContext({ "aws:SourceIp": "11.1.2.3" }, true), "2012-10-17", true, undefined, "Deny");
    expect(e.result, e.note).toBe("unknown");
    expect(e.undocumentedValues).toEqual(['aws:SourceIp "010.0.0.0/8"']);
  });
  it("names the IPv4-mapped value in the note of a clause it leaves unknown", () => {
    const e = evaluateClause({ operator: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"] }, makeContext({ "aws:SourceIp": "::ffff:10.1.2.3" }, true), "2012-10-17");
    expect(e.note).toContain('"::ffff:10.1.2.3" is IPv4-mapped');
    expect(e.undocumentedValues).toEqual(['aws:SourceIp "::ffff:10.1.2.3"']);
  });
  itNamesUnreadableValues("IpAddress", "10.0.0.0/40", "192.168.0.0/16", "10.0.0.1", "is not an IP address or CIDR block");
  it.each([
    ["1.2.3.4", [1, 2, 3, 4]],
    ["::", new Array(16).fill(0)],
    ["::ffff:1.2.3.4", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]],
  ])("parseIp(%s)", (s, bytes) => {
    expect(Array.from(parseIp(s) ?? [])).toEqual(bytes);
  });
  it.each(["1.2.3", "1.2.3.4.5", "01234.1.1.1", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "", "fe80::1%eth0"])(
    "rejects %s",
    (s) => expect(parseIp(s)).toBeUndefined(),
  );
  it.each([
    ["010.1.2.3", [8, 1, 2, 3]],
    ["10.01.002.3", [10, 1, 2, 3]],
    ["::ffff:010.1.2.3", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 8, 1, 2, 3]],
  ])("parseIp(%s) read as octal", (s, bytes) => {
    expect(Array.from(parseIp(s, "octal") ?? [])).toEqual(bytes);
  });
  it.each(["10.1.2.3", "089.1.2.3", "2001:0db8::1"])("parseIp(%s) has no octal reading", (s) => expect(parseIp(s, "octal")).toBeUndefined());
  it("finds a leading zero only in a dotted IPv4 part", () => {
    expect(["010.1.2.3/8", " 1.2.3.04", "::ffff:1.02.3.4"].map(hasLeadingZero)).toEqual([true, true, true]);
    expect(["10.0.0.0/08", "0.0.0.0/0", "2001:0db8::/32"].map(hasLeadingZero)).toEqual([false, false, false]);
  });
  it("finds a leading zero in a prefix length, not a lone /0", () => {
    expect(["10.0.0.0/08", "::/000", "2001:db8::/ 064"].map(hasPaddedPrefix)).toEqual([true, true, true]);
    expect(["10.0.0.0/8", "0.0.0.0/0", "010.0.0.0", "10.0.0.0/10"].map(hasPaddedPrefix)).toEqual([false, false, false, false]);
  });
  it("rejects prefixes beyond the address length", () => {
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("::/129")).toBeUndefined();
    expect(cidrContains(parseCidr("::/0")!, parseIp("ffff::")!)).toBe(true);
  });
});
