import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRequestId, formatLogLine, log, REDACTED } from "@/lib/log";

const time = new Date("2026-11-27T01:02:03.000Z");

describe("structured logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON object with level, msg, time, request id and the fields", () => {
    const line = formatLogLine(
      "warn",
      "verification: status refresh failed",
      { session: "s1", kind: "timeout" },
      { time, requestId: "req-1", env: {} },
    );
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      level: "warn",
      msg: "verification: status refresh failed",
      time: "2026-11-27T01:02:03.000Z",
      requestId: "req-1",
      session: "s1",
      kind: "timeout",
    });
  });

  it("leaves out an absent request id and undefined fields; fields cannot overwrite the line's own keys", () => {
    const parsed = JSON.parse(
      formatLogLine("info", "hello", { level: "error", msg: "x", time: "y", requestId: "z", gone: undefined, n: 1 }, { time, env: {} }),
    );
    expect(parsed).toEqual({ level: "info", msg: "hello", time: "2026-11-27T01:02:03.000Z", n: 1 });
  });

  it("writes an error's name and message, never its stack", () => {
    const parsed = JSON.parse(formatLogLine("error", "boom", { error: new TypeError("bad thing") }, { time, env: {} }));
    expect(parsed.error).toEqual({ name: "TypeError", message: "bad thing" });
    expect(JSON.stringify(parsed)).not.toContain("at ");
  });

  it("redacts the configured secrets and the database password wherever they appear", () => {
    const env = {
      EASYFREELANCE_TOKEN: "tok_secret_value_123",
      EASYFREELANCE_API_KEY: "5b0c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70",
      AUTH_SECRET: "auth-secret-that-is-long-enough-000000",
      CRON_SECRET: 'cron"secret\\value-0001',
      DATABASE_URL: "postgresql://app:db%2Fpass%21word@db.example.com:5432/portal",
    };
    const line = formatLogLine(
      "warn",
      `token tok_secret_value_123 in the message`,
      {
        key: env.EASYFREELANCE_API_KEY,
        nested: { auth: env.AUTH_SECRET, cron: env.CRON_SECRET, password: "db/pass!word" },
        error: new Error(`connect failed for ${env.DATABASE_URL}`),
      },
      { time, env },
    );
    for (const secret of [
      env.EASYFREELANCE_TOKEN,
      env.EASYFREELANCE_API_KEY,
      env.AUTH_SECRET,
      "db/pass!word",
      "db%2Fpass%21word",
      "secret\\\\value",
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line).key).toBe(REDACTED);
    expect(JSON.parse(line).nested.cron).toBe(REDACTED);
  });

  it("log.warn goes to stderr as JSON, without a request id outside a request", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((text: string) => void lines.push(text));
    log.warn("employees: add failed", { kind: "timeout", httpStatus: null });
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    const parsed = JSON.parse(lines[0]);
    expect(parsed).toMatchObject({ level: "warn", msg: "employees: add failed", kind: "timeout", httpStatus: null });
    expect(parsed.requestId).toBeUndefined();
  });

  it("takes the request's id only when it is a plain token: routes proxy.ts skips see the caller's header as sent", async () => {
    const withHeader = async (id: string) => {
      vi.doMock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": id }) }));
      try {
        return await currentRequestId();
      } finally {
        vi.doUnmock("next/headers");
      }
    };
    expect(await withHeader("lb-0123456789abcdef")).toBe("lb-0123456789abcdef");
    for (const junk of ["short", "has space in it", "x".repeat(200), '"}\n{"level":"error"']) expect(await withHeader(junk)).toBeNull();
  });
});
