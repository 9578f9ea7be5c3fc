// What a failing request leaves behind: one JSON log line for operators, a reference for the user.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { onRequestError } from "@/instrumentation";
import ErrorPage from "@/app/error";
import GlobalError from "@/app/global-error";

afterEach(() => vi.restoreAllMocks());

describe("onRequestError", () => {
  it("logs one JSON line with the request id, path (no query) and digest, scrubbed of secrets", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((text: string) => void lines.push(text));
    const error = Object.assign(new Error(`upstream said no to ${process.env.EASYFREELANCE_TOKEN}`), { digest: "1234567890" });
    await onRequestError(
      error,
      { path: "/return/ABC?status=approved&token=x", method: "GET", headers: { "x-request-id": "req-0123456789" } },
      { routerKind: "App Router", routePath: "/return/[reference]", routeType: "route", revalidateReason: undefined },
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      level: "error",
      msg: "request failed",
      requestId: "req-0123456789",
      method: "GET",
      path: "/return/ABC",
      routePath: "/return/[reference]",
      routeType: "route",
      digest: "1234567890",
      error: { name: "Error", message: "upstream said no to [redacted]" },
    });
    expect(lines[0]).not.toContain(process.env.EASYFREELANCE_TOKEN!);
    expect(lines[0]).not.toContain("status=approved");
    expect(lines[0]).not.toMatch(/\bat .*\.ts/);
  });
});

describe("error pages", () => {
  const error = Object.assign(new Error("secret internals"), { digest: "987654321" });

  it("show a friendly message and the digest as a reference, never the message", () => {
    for (const page of [ErrorPage, GlobalError]) {
      const html = renderToStaticMarkup(createElement(page, { error, reset: () => {} }));
      expect(html).toContain("Something went wrong.");
      expect(html).toMatch(/Reference: <code>987654321<\/code>/);
      expect(html).not.toContain("secret internals");
    }
  });
});
