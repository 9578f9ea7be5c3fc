// The failure messages of a Verify click are catalogue words: the same failure reads in English by default
// and in Norwegian when HR's page is Norwegian (renderFailure / describeStartFailure with a translator).
import { describe, expect, it } from "vitest";
import { EasyFreelanceError } from "@/lib/easyfreelance/errors";
import { describeStartFailure, failureTranslator, renderFailure, type StartFailureContext } from "@/lib/verification/failures";

const ctx: StartFailureContext = {
  audience: "staff",
  returnUrlBase: "https://portal.example/return",
  returnUrl: "https://portal.example/return/abc",
  efUserId: 12345,
  timeoutMs: 2500,
};
const nb = failureTranslator("nb");

describe("failure messages in both languages", () => {
  it("a rate limit: the same failure in English and Norwegian, with the wait in each language's words", () => {
    const error = new EasyFreelanceError({ kind: "rate_limited", operation: "startFlow", httpStatus: 429, retryAfterSeconds: 1 });
    const failure = describeStartFailure(error, ctx);
    expect(failure.message).toBe("EasyFreelance is limiting requests (HTTP 429). The verification was not started. Try again in 1 second.");
    expect(renderFailure(failure.messageText, nb)).toBe(
      "EasyFreelance begrenser antall forespørsler (HTTP 429). Bekreftelsen ble ikke startet. Prøv igjen om 1 sekund.",
    );
    const many = describeStartFailure(new EasyFreelanceError({ kind: "rate_limited", operation: "startFlow", retryAfterSeconds: 45 }), ctx, nb);
    expect(many.message).toMatch(/Prøv igjen om 45 sekunder\.$/);
  });

  it("a return URL waiting for approval: the nested reason and the date are carried into Norwegian", () => {
    const error = new EasyFreelanceError({
      kind: "validation",
      operation: "startFlow",
      httpStatus: 422,
      fieldErrors: { partner_return_url: ["not approved"] },
    });
    const failure = describeStartFailure(error, { ...ctx, registration: { status: "pending", requestedAt: new Date("2026-11-20T10:00:00Z") } }, nb);
    expect(failure.kind).toBe("return_url_not_approved");
    expect(failure.message).toBe(
      "EasyFreelance avviste portalens retur-URL https://portal.example/return: den ble registrert 2026-11-20 og venter fortsatt på godkjenning fra EasyFreelance (status «pending»). Bekreftelsen ble ikke startet. En administrator må registrere den under Innstillinger og vente på godkjenning fra EasyFreelance. Prøv så Bekreft igjen.",
    );
    // The stored reason can be said in English whatever language the clicking user read.
    expect(renderFailure(failure.reasonText, failureTranslator("en"))).toMatch(/then start the verification again\.$/);
  });

  it("numbers follow the language: a decimal timeout, and the user id never grouped", () => {
    const timeout = describeStartFailure(new EasyFreelanceError({ kind: "timeout", operation: "startFlow" }), ctx, nb);
    expect(timeout.message).toContain("innen 2,5 s");
    expect(describeStartFailure(new EasyFreelanceError({ kind: "timeout", operation: "startFlow" }), ctx).message).toContain("within 2.5 s");
    const notFound = describeStartFailure(new EasyFreelanceError({ kind: "not_found", operation: "startFlow", httpStatus: 404 }), ctx, nb);
    expect(notFound.message).toContain("ingen bruker med id 12345 (HTTP 404)");
  });

  it("an internal error (not from EasyFreelance) has words in both languages too", () => {
    const failure = describeStartFailure(new TypeError("boom"), ctx, nb);
    expect(failure.kind).toBe("internal");
    expect(failure.message).toMatch(/^Bekreftelsen ble ikke startet på grunn av en intern feil\./);
    expect(failure.message).not.toContain("boom");
  });
});
