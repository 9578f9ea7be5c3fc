// The client's address, as far as the portal can know it. Per-address limits key on it, so it must be a value
// the caller cannot choose: on Vercel, Vercel's own header (its edge overwrites it); elsewhere, the entry
// the portal's own proxies added to X-Forwarded-For (TRUSTED_PROXIES: a hop count or their address ranges).
// Without a setting (development and tests only: a production server refuses to start) the first entry.
// ipaddr.js (the parser behind Express's proxy-addr) parses, matches ranges and normalises IPv6.
import ipaddr from "ipaddr.js";
import type { TrustedProxies } from "@/lib/env-schema";

export type AddressSource = { vercel?: boolean; rule?: TrustedProxies };

const UNKNOWN = "unknown";

function parse(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    // process(): an IPv4-mapped IPv6 address (::ffff:1.2.3.4) becomes the IPv4 address.
    return ipaddr.process(text.trim().replace(/^\[(.*)\]$/, "$1"));
  } catch {
    return null;
  }
}

function inRanges(address: ipaddr.IPv4 | ipaddr.IPv6, ranges: string[]): boolean {
  return ranges.some((range) => {
    const [network, bits] = range.includes("/") ? ipaddr.parseCIDR(range) : [ipaddr.parse(range), range.includes(":") ? 128 : 32];
    const candidate = network.kind() === "ipv4" ? address : address.kind() === "ipv4" ? (address as ipaddr.IPv4).toIPv4MappedAddress() : address;
    return candidate.kind() === network.kind() && candidate.match(network, bits);
  });
}

export function clientAddressFrom(headers: Headers, source: AddressSource): string {
  const list = (name: string) =>
    (headers.get(name) ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
  if (source.vercel) return list("x-vercel-forwarded-for")[0]?.slice(0, 64) ?? UNKNOWN;
  const chain = list("x-forwarded-for");
  const rule = source.rule;
  if (!rule) return (chain[0] ?? headers.get("x-real-ip")?.trim() ?? UNKNOWN).slice(0, 64) || UNKNOWN;
  if ("hops" in rule) {
    const entry = chain.length >= rule.hops ? chain[chain.length - rule.hops] : undefined;
    const address = entry ? parse(entry) : null;
    return address ? address.toString() : UNKNOWN;
  }
  // From the right: every entry a trusted proxy added; the first one that is not a trusted proxy is the client.
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = parse(chain[i]);
    if (!address) return UNKNOWN;
    if (!inRanges(address, rule.ranges)) return address.toString();
  }
  return UNKNOWN;
}

/**
 * What a per-address limit counts under: an IPv4 address as is, an IPv6 address by its /64 — one
 * subscriber usually holds a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function addressKey(address: string): string {
  const parsed = parse(address);
  if (!parsed) return address.toLowerCase().slice(0, 64);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${ipaddr.IPv6.parse(`${parts.map((part) => part.toString(16)).join(":")}::`).toString()}/64`;
}
