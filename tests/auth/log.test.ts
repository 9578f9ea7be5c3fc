import { afterEach, describe, expect, it, vi } from "vitest";
import { CredentialsSignin, AuthError } from "@auth/core/errors";
import { logAuthError } from "@/lib/auth/log";

afterEach(() => vi.restoreAllMocks());

describe("Auth.js error log", () => {
  it("stays quiet about wrong passwords even when minification renamed the error class", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // What a minified build does to `class InvalidCredentials extends CredentialsSignin`.
    const p = class extends CredentialsSignin {};
    Object.defineProperty(p, "name", { value: "p" });
    logAuthError(new p());
    logAuthError(new CredentialsSignin());
    expect(log).not.toHaveBeenCalled();
  });

  it("logs other errors with their name", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logAuthError(new AuthError("boom"));
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toMatch(/^\[auth\] \w+: boom/);
  });
});
