// What a failing request leaves behind: one JSON log line for operators, a reference for the user.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { prerender } from "react-dom/static";
import { NextIntlClientProvider } from "next-intl";
import en from "@/lib/i18n/messages/en.json";
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

  it("leaves out a request id that is not a plain token (the routes proxy.ts skips pass the caller's header as sent)", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((text: string) => void lines.push(text));
    await onRequestError(
      new Error("boom"),
      { path: "/api/status/ABC", method: "GET", headers: { "x-request-id": "<script>alert(1)</script>" } },
      { routerKind: "App Router", routePath: "/api/status/[reference]", routeType: "route", revalidateReason: undefined },
    );
    expect(JSON.parse(lines[0]).requestId).toBeUndefined();
  });
});

describe("error pages", () => {
  const error = Object.assign(new Error("secret internals"), { digest: "987654321" });
  // Rendered to completion (global-error loads its words when it is shown).
  const render = async (element: ReactElement) => new Response((await prerender(element)).prelude).text();

  it("show a friendly message and the digest as a reference, never the message", async () => {
    // error.tsx, inside the root layout's provider (the request's language, here English).
    const page = await render(
      createElement(
        NextIntlClientProvider,
        { locale: "en", timeZone: "Europe/Oslo", messages: { errors: en.errors } } as ComponentProps<typeof NextIntlClientProvider>,
        createElement(ErrorPage, { error, reset: () => {} }),
      ),
    );
    expect(page).toContain("Something went wrong.");
    expect(page).toMatch(/Reference: <code>987654321<\/code>/);
    expect(page).not.toContain("secret internals");

    // global-error.tsx replaces the root layout: the portal's own language, with its own <html lang>.
    const global = await render(createElement(GlobalError, { error, reset: () => {} }));
    expect(global).toContain('<html lang="nb">');
    expect(global).toContain("Noe gikk galt.");
    expect(global).toMatch(/Referanse: <code>987654321<\/code>/);
    expect(global).not.toContain("secret internals");
  });
});
