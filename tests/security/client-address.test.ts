// Attacks on the client address the per-address limits key on: a caller's own X-Forwarded-For, IPv6
// rotation inside one /64, and a self-hosted production server that never said where the address comes from.
import { describe, expect, it } from "vitest";
import { clientAddressFrom, addressKey } from "@/lib/security/client-address";
import { parseEnv } from "@/lib/env-schema";
import { VALID_ENV } from "../support/valid-env";

const headers = (init: Record<string, string>) => new Headers(init);

describe("behind trusted proxies counted in hops", () => {
  const rule = parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "1" }).TRUSTED_PROXIES!;
  it("ignores what the caller wrote in front of the proxy's own entry", () => {
    // nginx appends the peer it saw: "<whatever the caller sent>, <real peer>".
    expect(clientAddressFrom(headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), { rule })).toBe("203.0.113.9");
    expect(clientAddressFrom(headers({ "x-forwarded-for": "203.0.113.9" }), { rule })).toBe("203.0.113.9");
  });
  it("two hops take the second entry from the right", () => {
    const two = parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES!;
    expect(clientAddressFrom(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), { rule: two })).toBe("198.51.100.7");
  });
  it("fewer entries than hops is no address at all, never the caller's choice", () => {
    const two = parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "2" }).TRUSTED_PROXIES!;
    expect(clientAddressFrom(headers({ "x-forwarded-for": "6.6.6.6" }), { rule: two })).toBe("unknown");
  });
});

describe("behind trusted proxies named by address range", () => {
  const rule = parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "10.0.0.0/8, 2001:db8:ffff::/48" }).TRUSTED_PROXIES!;
  it("walks from the right past the trusted proxies; the first untrusted entry is the client", () => {
    expect(clientAddressFrom(headers({ "x-forwarded-for": "9.9.9.9, 203.0.113.9, 10.1.2.3, 10.9.9.9" }), { rule })).toBe("203.0.113.9");
    expect(clientAddressFrom(headers({ "x-forwarded-for": "9.9.9.9, 2001:db8:ffff::1" }), { rule })).toBe("9.9.9.9");
  });
  it("an IPv4-mapped IPv6 entry is the IPv4 address", () => {
    expect(clientAddressFrom(headers({ "x-forwarded-for": "::ffff:203.0.113.9, 10.0.0.1" }), { rule })).toBe("203.0.113.9");
  });
  it("junk in the chain stops the walk (the caller wrote it)", () => {
    expect(clientAddressFrom(headers({ "x-forwarded-for": "1.1.1.1, not-an-ip, 10.0.0.1" }), { rule })).toBe("unknown");
  });
});

describe("on Vercel", () => {
  it("reads Vercel's own header, not one a caller can add", () => {
    const h = headers({ "x-vercel-forwarded-for": "203.0.113.9", "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" });
    expect(clientAddressFrom(h, { vercel: true })).toBe("203.0.113.9");
  });
});

describe("the key a limit counts under", () => {
  it("keys IPv6 addresses by their /64 (one customer's whole network), IPv4 by the address", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });
});

describe("configuration", () => {
  it("a self-hosted production server must say how to find the client address", () => {
    expect(() => parseEnv({ ...VALID_ENV, NODE_ENV: "production" })).toThrow(/TRUSTED_PROXIES must say how to find the client address/);
    expect(() => parseEnv({ ...VALID_ENV, NODE_ENV: "production", TRUSTED_PROXIES: "1" })).not.toThrow();
    // Vercel's own header says it.
    expect(() => parseEnv({ ...VALID_ENV, NODE_ENV: "production", VERCEL: "1" })).not.toThrow();
  });
  it("names a bad value", () => {
    expect(() => parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES must be a number of proxy hops/);
    expect(() => parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "0" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseEnv({ ...VALID_ENV, TRUSTED_PROXIES: "everything" })).toThrow(/TRUSTED_PROXIES/);
  });
});
