// HR's server-side words in both languages: the verification fact, the CSV export and the corrections'
// messages read Norwegian when the caller's language is nb, and keep their English wording otherwise.
import { describe, expect, it } from "vitest";
import { describeVerification } from "@/lib/verification/verified-text";
import { employeeCsv, UTF8_BOM } from "@/lib/employees/csv";
import { atRegistrationLabel } from "@/lib/settings/service";
import { csvRow } from "@/lib/security/csv";
import type { ListedEmployee } from "@/lib/db/employees";

const fact = { verifiedAt: new Date("2026-11-26T23:30:00Z"), verifiedProvider: "veriff" as const, verifiedIdType: "local" as const };

describe("the verification fact in words", () => {
  it("uses the reader's language and Oslo's date (23:30 UTC is the next day in Oslo)", () => {
    expect(describeVerification(fact, "en")).toBe("27 Nov 2026 with Veriff (Norwegian ID)");
    expect(describeVerification(fact, "nb")).toBe("27. nov. 2026 med Veriff (norsk ID)");
    expect(describeVerification({ verifiedAt: null, verifiedProvider: null }, "nb")).toBe("ikke bekreftet");
  });
});

describe("the employees CSV", () => {
  const employee = {
    firstName: "Åse",
    lastName: "Ødegård",
    email: "ase@example.test",
    internalId: "7",
    efUserId: 42,
    verifiedAt: fact.verifiedAt,
    verifiedProvider: "bankid",
    verifiedOnReplacedLink: false,
    openSession: null,
    latestSession: { status: "declined", statusChangedAt: new Date("2026-11-20T10:00:00Z") },
  } as unknown as ListedEmployee;

  it("has headers, yes/no and statuses in the chosen language", () => {
    const nb = employeeCsv("nb");
    expect(nb.header.slice(0, 3)).toEqual(["Fornavn", "Etternavn", "E-post"]);
    expect(nb.row(employee)).toEqual(expect.arrayContaining(["Åse", "Ødegård", "ja", "nei", "BankID", "Avvist"]));
    const en = employeeCsv("en");
    expect(en.header).toContain("verified_with");
    expect(en.row(employee)).toEqual(expect.arrayContaining(["yes", "no", "Declined"]));
  });

  it("starts with a UTF-8 byte order mark so Excel shows æøå", () => {
    const bytes = new TextEncoder().encode(UTF8_BOM + csvRow(employeeCsv("nb").header));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("Settings' registration wording", () => {
  it("says what EasyFreelance answered at registration, in either language", () => {
    expect(atRegistrationLabel("pending", "en")).toBe("at registration: Pending approval");
    expect(atRegistrationLabel("pending", "nb")).toBe("ved registrering: Venter på godkjenning");
    expect(atRegistrationLabel("weird", "nb")).toBe("ved registrering: «weird»");
  });
});
