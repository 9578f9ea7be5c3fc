// Reading HR's CSV: separators, BOM, quotes, Norwegian and English headers, bad rows, duplicates, limits.
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseImportCsv, type ParseResult } from "@/lib/employees/import-csv";

const bytes = (text: string) => new TextEncoder().encode(text);
const ok = (result: ParseResult) => {
  if (!result.ok) throw new Error(`expected a parsed file, got ${result.code}`);
  return result;
};

describe("parseImportCsv", () => {
  it("reads an Excel (Norway) file: BOM, `;`, Norwegian headers, CRLF, æøå", () => {
    const file = "\uFEFFE-post;Fornavn;Etternavn;Ansattnummer;Telefon;Språk\r\nkari@example.no;Kari;Nordmann-Ødegård;1001;+47 912 34 567;norsk\r\n";
    const result = ok(parseImportCsv(bytes(file)));
    expect(result.delimiter).toBe(";");
    expect(result.columns).toEqual(["email", "firstName", "lastName", "internalId", "phone", "language"]);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          email: "kari@example.no",
          firstName: "Kari",
          lastName: "Nordmann-Ødegård",
          internalId: "1001",
          phone: "4791234567",
          language: "nb",
        },
        errors: [],
      },
    ]);
  });

  it("reads `,` without a BOM, English aliases in any case and order, and ignores unknown columns", () => {
    const file = "Last Name,EMAIL,first_name,Department,Mobile\nLovelace,Ada@Example.com,Ada,R&D,4791234567\n";
    const result = ok(parseImportCsv(bytes(file)));
    expect(result.delimiter).toBe(",");
    expect(result.columns).toEqual(["email", "firstName", "lastName", "phone"]);
    expect(result.ignoredHeaders).toEqual(["Department"]);
    expect(result.rows[0].values).toMatchObject({
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      phone: "4791234567",
      language: null,
    });
  });

  it("keeps quoted separators, quotes and line breaks inside a cell; a `;` file with commas in names stays `;`", () => {
    const file = 'epost;fornavn;etternavn\n"ola@example.no";"Ola, jr.";"Berg ""Bergen"""\nper@example.no;Per;Hansen, Olsen\n';
    const result = ok(parseImportCsv(bytes(file)));
    expect(result.delimiter).toBe(";");
    expect(result.rows.map((row) => [row.values.firstName, row.values.lastName])).toEqual([
      ["Ola, jr.", 'Berg "Bergen"'],
      ["Per", "Hansen, Olsen"],
    ]);
    const multiline = ok(parseImportCsv(bytes('email,first name,last name\n"a@example.no","Anne\nMarie",Lie\nb@example.no,B,C\n')));
    expect(multiline.rows.map((row) => row.values.firstName)).toEqual(["Anne\nMarie", "B"]);
  });

  it("marks bad rows with every reason and keeps the good ones", () => {
    const file = [
      "email,first name,last name,internal id,phone,language",
      "good@example.no,Good,Row,1,4791234567,en",
      "not-an-email,Bad,Email,2,,",
      "missing@example.no,,,3,,",
      "phone@example.no,Bad,Phone,4,12,",
      "lang@example.no,Bad,Lang,5,,klingon",
      "id@example.no,Bad,Id,E-6,,",
      ",No,Email,7,,",
    ].join("\n");
    const result = ok(parseImportCsv(bytes(file)));
    const byRow = Object.fromEntries(result.rows.map((row) => [row.rowNumber, row.errors.map((e) => `${e.field}:${e.code}`)]));
    expect(byRow).toEqual({
      2: [],
      3: ["email:invalidEmail"],
      4: ["firstName:required", "lastName:required"],
      5: ["phone:invalidPhone"],
      6: ["language:invalidLanguage"],
      7: ["internalId:invalidInternalId"],
      8: ["email:required"],
    });
  });

  it("finds duplicates in the file (email in any case, internal id) and names the first row", () => {
    const file = "email;fornavn;etternavn;ansattnr\na@example.no;A;A;10\nA@Example.NO;B;B;11\nc@example.no;C;C;10\n";
    const result = ok(parseImportCsv(bytes(file)));
    expect(result.rows.map((row) => row.errors)).toEqual([
      [],
      [{ field: "email", code: "duplicateEmail", row: 2 }],
      [{ field: "internalId", code: "duplicateInternalId", row: 2 }],
    ]);
  });

  it("skips empty lines and rows of empty cells, but counts rows as the spreadsheet does", () => {
    const result = ok(parseImportCsv(bytes("email;first name;last name\n;;\n\nx@example.no;X;Y\n;;\n")));
    expect(result.rows.map((row) => row.rowNumber)).toEqual([4]);
  });

  it("refuses files it cannot read: empty, not UTF-8, no email column, only a header, broken quotes", () => {
    expect(parseImportCsv(new Uint8Array())).toEqual({ ok: false, code: "empty" });
    expect(parseImportCsv(bytes("\uFEFF  \n"))).toEqual({ ok: false, code: "empty" });
    // "Ødegård" saved as Windows-1252.
    expect(parseImportCsv(Uint8Array.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xd8, 0x64, 0x65, 0x67, 0xe5, 0x72, 0x64]))).toEqual({
      ok: false,
      code: "notUtf8",
    });
    expect(parseImportCsv(bytes("name;phone\nA;1234\n"))).toEqual({ ok: false, code: "noEmailColumn" });
    expect(parseImportCsv(bytes("email;fornavn\n"))).toEqual({ ok: false, code: "noRows" });
    expect(parseImportCsv(bytes('email,first name\n"a@example.no,A\n'))).toMatchObject({ ok: false, code: "malformed" });
  });

  it("bounds the file size and the number of rows", () => {
    expect(parseImportCsv(new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({ ok: false, code: "tooLarge" });
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `p${i}@e.no;P;Q`);
    expect(parseImportCsv(bytes(["email;fornavn;etternavn", ...rows].join("\n")))).toEqual({ ok: false, code: "tooManyRows" });
    expect(ok(parseImportCsv(bytes(["email;fornavn;etternavn", ...rows.slice(1)].join("\n")))).rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it("passes rows through the EasyFreelance client's own checks (what it would refuse before sending)", () => {
    const long = `${"a".repeat(250)}@e.no`;
    const result = ok(parseImportCsv(bytes(`email;fornavn;etternavn\n${long};A;B\n`)));
    expect(result.rows[0].errors.map((e) => e.code)).toEqual(["tooLong"]);
  });
});
