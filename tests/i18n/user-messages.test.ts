// The user-facing messages moved into the catalogues (issue 10): every EasyFreelance error code, the form
// field messages and the refusals are said in both languages, and no Norwegian text is the English one.
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import nb from "@/lib/i18n/messages/nb.json";
import {
  EasyFreelanceError,
  SAFE_MESSAGE_CODES,
  safeMessageText,
  sayEasyFreelanceError,
  type EasyFreelanceErrorOptions,
} from "@/lib/easyfreelance/errors";
import { describeStartFailure, failureTranslator } from "@/lib/verification/failures";
import { fieldErrorsOf } from "@/lib/forms/parse";
import { parseAddEmployeeForm } from "@/lib/employees/form";

// One way to reach each code of the client's sentence.
const CASES: Record<(typeof SAFE_MESSAGE_CODES)[number], EasyFreelanceErrorOptions> = {
  credentialsRedirect: { kind: "unauthorized", operation: "getUser", httpStatus: 302 },
  credentialsRejected: { kind: "unauthorized", operation: "getUser", httpStatus: 401 },
  forbiddenSession: { kind: "forbidden", operation: "getStatus", httpStatus: 403 },
  forbidden: { kind: "forbidden", operation: "upsertUser", httpStatus: 403 },
  sessionNotFound: { kind: "not_found", operation: "getStatus", httpStatus: 404 },
  userNotFound: { kind: "not_found", operation: "getUser", httpStatus: 404 },
  unknownRequest: { kind: "not_found", operation: "registerReturnUrl", httpStatus: 404 },
  notSent: { kind: "validation", operation: "upsertUser" },
  notSentDetail: { kind: "validation", operation: "upsertUser", fieldErrors: { email: ["Bad email"] } },
  rejectedSaid: { kind: "validation", operation: "upsertUser", httpStatus: 422, upstreamMessage: "E-postadressen er i bruk" },
  rejectedSaidReturnUrl: { kind: "validation", operation: "startFlow", httpStatus: 422, upstreamMessage: "Retur-URL-en er ikke tillatt" },
  rejected: { kind: "validation", operation: "upsertUser", httpStatus: 422 },
  rejectedReturnUrl: { kind: "validation", operation: "startFlow", httpStatus: 422 },
  rateLimited: { kind: "rate_limited", operation: "getUser", httpStatus: 429, retryAfterSeconds: 30 },
  rateLimitedNoWait: { kind: "rate_limited", operation: "getUser", httpStatus: 429 },
  refusedSaid: { kind: "upstream", operation: "getUser", httpStatus: 418, upstreamMessage: "Jeg er en tekanne" },
  refused: { kind: "upstream", operation: "getUser", httpStatus: 418 },
  serverError: { kind: "upstream", operation: "getUser", httpStatus: 503, retryAfterSeconds: 120 },
  serverErrorNoWait: { kind: "upstream", operation: "getUser", httpStatus: 500 },
  timeoutPost: { kind: "timeout", operation: "upsertUser", timeoutMs: 1500 },
  timeoutPostNoLimit: { kind: "timeout", operation: "upsertUser" },
  timeoutGet: { kind: "timeout", operation: "getUser", timeoutMs: 10_000 },
  timeoutGetNoLimit: { kind: "timeout", operation: "getUser" },
  network: { kind: "network", operation: "getUser" },
  malformed: { kind: "malformed", operation: "getUser" },
};

// Words that are the same in both languages: brands, names of languages in themselves, words Norwegian
// shares with English ("Status", "HR", "Onboarding"), and messages made only of values.
const SAME_IN_BOTH = new Set([
  "invitationPage.method.bankid",
  "invitations.method.bankid",
  "provider.veriff",
  "provider.bankid",
  "languageSwitch.nb",
  "languageSwitch.en",
  "staff.columns.status",
  "employees.status",
  "history.status",
  "employee.onboarding",
  "role.hr",
  "auditText.statusChange",
  "auditText.actor.easyfreelance",
]);

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

describe("EasyFreelance errors in the user's language", () => {
  it.each(SAFE_MESSAGE_CODES)("%s has a case, a Norwegian and an English sentence", (code) => {
    const error = new EasyFreelanceError(CASES[code]);
    expect(safeMessageText(CASES[code]).code).toBe(code);
    const english = sayEasyFreelanceError(error, "en");
    const norwegian = sayEasyFreelanceError(error, "nb");
    // The English one is safeMessage, for logs and stored reasons.
    expect(english).toBe(error.safeMessage);
    expect(norwegian).not.toBe(english);
    expect(norwegian).toMatch(/[.!?]$/);
    expect(norwegian).not.toMatch(/\b(the|try|again|request|portal's)\b/i);
  });

  it("a Verify failure from EasyFreelance is Norwegian as a whole, the stored reason English", () => {
    const error = new EasyFreelanceError({ kind: "upstream", operation: "startFlow", httpStatus: 502 });
    const ctx = { audience: "staff" as const, returnUrlBase: "http://x/return", returnUrl: "http://x/return/r", efUserId: 7, timeoutMs: 1000 };
    const failure = describeStartFailure(error, ctx, failureTranslator("nb"));
    expect(failure.message).toBe(
      "Bekreftelsen ble ikke startet: EasyFreelance har en feil på sin side (HTTP 502). Prøv igjen om noen minutter. Skjer det flere ganger, ta kontakt med EasyFreelance kundestøtte.",
    );
    expect(describeStartFailure(error, ctx).reason).toBe(
      "The verification was not started: EasyFreelance had a problem on its side (HTTP 502). Try again in a few minutes; if it keeps happening, contact EasyFreelance support.",
    );
  });
});

describe("form field messages", () => {
  it("are keys in the schema and sentences in the reader's language, bounds included", () => {
    const parsed = parseAddEmployeeForm({ email: "", internalId: "12a", firstName: "x".repeat(300), bankMode: "bitcoin" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((issue) => issue.message).sort()).toEqual(["chooseBankMode", "enterEmail", "internalIdDigits", "maxLength"]);
    expect(fieldErrorsOf(parsed.error, "nb")).toEqual({
      email: ["Skriv inn e-postadressen."],
      internalId: ["Internt nummer kan bare inneholde sifre."],
      firstName: ["Bruk høyst 254 tegn."],
      bankMode: ["Velg hvordan den ansatte skal få utbetalt."],
    });
    expect(fieldErrorsOf(parsed.error, "en").firstName).toEqual(["Use at most 254 characters."]);
    // zod's own messages (no message of ours) become keys too, said in the language.
    const own = parseAddEmployeeForm({ email: "a@example.no", phone: 42 as unknown as string, bankMode: "none" });
    expect(own.success || fieldErrorsOf(own.error, "nb")).toEqual({ phone: ["Verdien er ikke gyldig."] });
  });
});

describe("the catalogues", () => {
  it("no Norwegian message is its English counterpart, except names and brands", () => {
    const english = new Map(leaves(en as Tree));
    const same = leaves(nb as Tree)
      .filter(([key, text]) => english.get(key) === text && !SAME_IN_BOTH.has(key))
      .map(([key]) => key);
    expect(same).toEqual([]);
  });
});
