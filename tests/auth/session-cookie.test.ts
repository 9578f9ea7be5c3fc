// Server actions read the session cookie with readSessionCookie (Auth.js's getToken) instead of auth(): the
// same cookie Auth.js issues must give the same staff id and session version, and anything else nothing.
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { readSessionCookie } from "@/lib/auth/session-cookie";

const SECRET = process.env.AUTH_SECRET!;
// APP_URL is http in the tests: the cookie has no __Secure- prefix, and its name is the JWE's salt.
const NAME = "authjs.session-token";

async function issued(claims: Record<string, unknown>, options: { secret?: string; salt?: string; maxAge?: number } = {}) {
  return encode({ token: claims, secret: options.secret ?? SECRET, salt: options.salt ?? NAME, maxAge: options.maxAge });
}

describe("readSessionCookie", () => {
  it("reads the staff id and session version from the cookie Auth.js issues", async () => {
    const token = await issued({ sub: "staff-1", sv: 3, name: "Ada", email: "ada@demo.test" });
    expect(await readSessionCookie(`other=1; ${NAME}=${token}; locale=nb`)).toEqual({ id: "staff-1", sessionVersion: 3 });
  });

  it("reads a cookie Auth.js split into chunks", async () => {
    const token = await issued({ sub: "staff-2", sv: 0, padding: "x".repeat(6_000) });
    const half = Math.ceil(token.length / 2);
    expect(await readSessionCookie(`${NAME}.0=${token.slice(0, half)}; ${NAME}.1=${token.slice(half)}`)).toEqual({
      id: "staff-2",
      sessionVersion: 0,
    });
  });

  it("refuses a cookie sealed with another secret, under another name, altered, expired or without a session version", async () => {
    const good = await issued({ sub: "staff-1", sv: 1 });
    const altered = good.slice(0, 60) + (good[60] === "A" ? "B" : "A") + good.slice(61);
    const cases = [
      `${NAME}=${await issued({ sub: "staff-1", sv: 1 }, { secret: "another-secret-that-is-long-enough-0123456789" })}`,
      `__Secure-${NAME}=${await issued({ sub: "staff-1", sv: 1 }, { salt: `__Secure-${NAME}` })}`,
      `${NAME}=${altered}`,
      `${NAME}=${await issued({ sub: "staff-1", sv: 1 }, { maxAge: -60 })}`,
      `${NAME}=${await issued({ sub: "staff-1" })}`,
      `${NAME}=not-a-token`,
      "",
    ];
    for (const cookie of cases) expect(await readSessionCookie(cookie)).toBeNull();
    // Sanity: the good one is read, so the refusals above are about what was changed.
    expect(await readSessionCookie(`${NAME}=${good}`)).toEqual({ id: "staff-1", sessionVersion: 1 });
  });
});
