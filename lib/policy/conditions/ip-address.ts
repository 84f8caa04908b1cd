/** IPv4/IPv6 address and CIDR parsing for the IP condition operators. Addresses become byte arrays. */

export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

/**
 * How an IPv4 part with a leading zero (`010`) is read: as decimal ten (Java's InetAddress, Python's ipaddress before
 * 3.9.5) or as octal eight (C's inet_aton, browsers' URL parsers). AWS's pages show no such value.
 */
export type V4Reading = "decimal" | "octal";

function parseV4(s: string, reading: V4Reading): Uint8Array | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p)) return undefined;
    if (reading === "octal" && p.length > 1 && p.startsWith("0") && !/^[0-7]+$/.test(p)) return undefined;
    const n = reading === "octal" && p.length > 1 && p.startsWith("0") ? parseInt(p, 8) : Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseGroups(s: string, reading: V4Reading): number[] | undefined {
  if (s === "") return [];
  const groups: number[] = [];
  const parts = s.split(":");
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i === parts.length - 1 && p.includes(".")) {
      const v4 = parseV4(p, reading);
      if (!v4) return undefined;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      groups.push(parseInt(p, 16));
    }
  }
  return groups;
}

function parseV6(s: string, reading: V4Reading): Uint8Array | undefined {
  const dbl = s.indexOf("::");
  let groups: number[];
  if (dbl >= 0) {
    if (s.indexOf("::", dbl + 1) >= 0) return undefined;
    const head = parseGroups(s.slice(0, dbl), reading);
    const tail = parseGroups(s.slice(dbl + 2), reading);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(s, reading);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Whether an address or block (`010.1.2.3/8`, `::ffff:010.1.2.3`) has an IPv4 part with a leading zero. */
export function hasLeadingZero(s: string): boolean {
  const slash = s.indexOf("/");
  const address = slash < 0 ? s : s.slice(0, slash);
  // Only the dotted IPv4 part: an IPv6 group's leading zeros (`2001:0db8::`) are hexadecimal either way.
  const v4 = address.slice(address.lastIndexOf(":") + 1).trim();
  return v4.includes(".") && v4.split(".").some((part) => /^0\d/.test(part));
}

/**
 * Whether a block's prefix length has a leading zero (`10.0.0.0/08`, `2001:db8::/064`). AWS's pages write prefixes
 * without one; parsers that read the length as a decimal integer (Python's ipaddress) take `/08` as `/8`, and Go's
 * netip.ParsePrefix refuses it ("bad bits after slash"). None we know reads it as octal.
 */
export function hasPaddedPrefix(s: string): boolean {
  const slash = s.indexOf("/");
  return slash >= 0 && /^0\d/.test(s.slice(slash + 1).trim());
}

/**
 * Parses an IPv4 or IPv6 address (no zone id), its IPv4 parts read as `reading` says. Read as octal, an address with no
 * leading zero is undefined: it has one reading only.
 */
export function parseIp(s: string, reading: V4Reading = "decimal"): Uint8Array | undefined {
  const t = s.trim();
  if (reading === "octal" && !hasLeadingZero(t)) return undefined;
  return t.includes(":") ? parseV6(t, reading) : parseV4(t, reading);
}

const cidrCaches: Record<V4Reading, Map<string, Cidr | undefined>> = { decimal: new Map(), octal: new Map() };

/**
 * Parses `addr/prefix` or a bare address (a /32 or /128). Host bits after the prefix are ignored. `reading` as for
 * parseIp.
 */
export function parseCidr(s: string, reading: V4Reading = "decimal"): Cidr | undefined {
  const cidrCache = cidrCaches[reading];
  if (cidrCache.has(s)) return cidrCache.get(s);
  if (cidrCache.size > 10_000) cidrCache.clear();
  let result: Cidr | undefined;
  const slash = s.indexOf("/");
  const bytes = parseIp(slash < 0 ? s : s.slice(0, slash), reading);
  if (bytes) {
    const max = bytes.length * 8;
    const prefixText = slash < 0 ? String(max) : s.slice(slash + 1).trim();
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (prefix >= 0 && prefix <= max) result = { bytes, prefix };
  }
  cidrCache.set(s, result);
  return result;
}

/** Whether `ip` lies in `cidr`. IPv4 and IPv6 never match each other. */
export function cidrContains(cidr: Cidr, ip: Uint8Array): boolean {
  if (cidr.bytes.length !== ip.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((cidr.bytes[i]! & mask) !== (ip[i]! & mask)) return false;
  }
  return true;
}

/** Whether 16 bytes lie in ::ffff:0:0/96, the IPv4-mapped IPv6 addresses (RFC 4291 §2.5.5.2). */
function isMappedV4(bytes: Uint8Array): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** An IPv4-mapped address as the IPv4 address it maps (`::ffff:10.1.2.3` → 10.1.2.3), or undefined for any other. */
export function unmappedIp(ip: Uint8Array): Uint8Array | undefined {
  return isMappedV4(ip) ? ip.slice(12) : undefined;
}

/**
 * A block of IPv4-mapped addresses as the IPv4 block it maps (`::ffff:10.0.0.0/104` → 10.0.0.0/8), or undefined for any
 * other: a prefix shorter than 96 bits (`::/0`) spans more than the mapped addresses, so it maps no IPv4 block.
 */
export function unmappedCidr(cidr: Cidr): Cidr | undefined {
  return cidr.prefix >= 96 && isMappedV4(cidr.bytes) ? { bytes: cidr.bytes.slice(12), prefix: cidr.prefix - 96 } : undefined;
}
