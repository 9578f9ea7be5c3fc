// CSV import of employees (issue 13): reading HR's file into rows the import can store and a dry run can
// show. Pure (no I/O): lib/employees/import.ts stores the rows and runs them through create-or-link.
// csv-parse does the CSV itself (quotes, "" escapes, line breaks inside quotes, CRLF, the BOM); this module
// picks the separator, maps the headers and checks each row with the same rules as Add employee.
import { parse } from "csv-parse/sync";
import { upsertUserInputSchema } from "@/lib/easyfreelance/schemas/users";

/** Larger files are refused before parsing: 2,000 rows of six columns fit in well under this. */
export const MAX_IMPORT_BYTES = 512 * 1024;
/** More data rows than this are refused: at the default pace (30 a minute) 2,000 rows take about 67 minutes. */
export const MAX_IMPORT_ROWS = 2000;
const MAX_CELL = 254;

export const IMPORT_COLUMNS = ["email", "firstName", "lastName", "internalId", "phone", "language"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

// Header names as people write them in Norwegian and English spreadsheets, compared after normalising
// (lower case, only letters and digits: "E-post" → "epost", "First name" → "firstname").
const HEADER_ALIASES: Record<ImportColumn, readonly string[]> = {
  email: ["email", "e-mail", "mail", "emailaddress", "e-post", "epost", "epostadresse", "e-postadresse"],
  firstName: ["firstname", "first name", "givenname", "given name", "fornavn"],
  lastName: ["lastname", "last name", "surname", "familyname", "family name", "etternavn"],
  internalId: [
    "internalid",
    "internal id",
    "employeeid",
    "employee id",
    "employeenumber",
    "ansattnummer",
    "ansattnr",
    "ansatt-id",
    "ansattid",
    "internid",
  ],
  phone: ["phone", "phonenumber", "mobile", "mobilephone", "telephone", "telefon", "telefonnummer", "mobil", "mobilnummer", "tlf"],
  language: ["language", "lang", "locale", "språk", "sprak", "foretrukket språk"],
};

const normaliseHeader = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
const HEADER_LOOKUP = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => HEADER_ALIASES[column].map((alias) => [normaliseHeader(alias), column] as const)),
);

export function columnOfHeader(header: string): ImportColumn | null {
  return HEADER_LOOKUP.get(normaliseHeader(header)) ?? null;
}

// The employee's language: the portal's two (nb, en), in the words people write.
const LANGUAGES: Record<string, "nb" | "en"> = {
  nb: "nb",
  no: "nb",
  nn: "nb",
  nob: "nb",
  norsk: "nb",
  bokmål: "nb",
  bokmal: "nb",
  norwegian: "nb",
  en: "en",
  eng: "en",
  english: "en",
  engelsk: "en",
};

/** Why a row cannot be imported; each code is a message in the `import` catalogue (`rowError.<code>`). */
export const ROW_ERROR_CODES = [
  "required",
  "tooLong",
  "invalidEmail",
  "invalidInternalId",
  "invalidPhone",
  "invalidLanguage",
  "duplicateEmail",
  "duplicateInternalId",
  "rejected",
  "upstream",
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];
/** `row`: the earlier row a duplicate repeats; `detail`: EasyFreelance's (or its client's) own words. */
export type RowError = { field: ImportColumn; code: RowErrorCode; row?: number; detail?: string };

export type ImportRowValues = {
  email: string;
  firstName: string;
  lastName: string;
  internalId: string;
  phone: string;
  language: "nb" | "en" | null;
};

export type ParsedImportRow = {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  rowNumber: number;
  values: ImportRowValues;
  errors: RowError[];
};

export const FILE_ERROR_CODES = ["empty", "tooLarge", "tooManyRows", "notUtf8", "malformed", "noEmailColumn", "noRows"] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

export type ParseResult =
  | { ok: true; delimiter: "," | ";"; columns: ImportColumn[]; ignoredHeaders: string[]; rows: ParsedImportRow[] }
  | { ok: false; code: FileErrorCode; line?: number };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads the file: bytes (any size, checked here) → rows with their errors, or why the file is refused. */
export function parseImportCsv(bytes: Uint8Array): ParseResult {
  if (bytes.byteLength === 0) return { ok: false, code: "empty" };
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, code: "tooLarge" };
  let text: string;
  try {
    // fatal: a file saved as Windows-1252 ("ANSI") would otherwise become names with U+FFFD in them.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, code: "notUtf8" };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return { ok: false, code: "empty" };

  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, trim: true, max_record_size: 64 * 1024 });
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === "number" ? (error as { lines: number }).lines : undefined;
    return { ok: false, code: "malformed", line };
  }
  const [header = [], ...data] = records;
  // Empty lines and rows of only empty cells (a spreadsheet's trailing ";;;;;") are not rows, but keep their
  // number: rowNumber is the row the spreadsheet shows (a quoted line break stays inside one row).
  const body = data.map((cells, index) => ({ cells, rowNumber: index + 2 })).filter(({ cells }) => cells.some((cell) => cell !== ""));
  const columnAt = header.map(columnOfHeader);
  const columns = IMPORT_COLUMNS.filter((column) => columnAt.includes(column));
  if (!columns.includes("email")) return { ok: false, code: "noEmailColumn" };
  if (body.length === 0) return { ok: false, code: "noRows" };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, code: "tooManyRows" };

  const firstEmail = new Map<string, number>();
  const firstInternalId = new Map<string, number>();
  const rows = body.map(({ cells, rowNumber }) => {
    const raw: Record<ImportColumn, string> = { email: "", firstName: "", lastName: "", internalId: "", phone: "", language: "" };
    // The first column of a kind wins; a repeated header is ignored like an unknown one.
    for (let i = columnAt.length - 1; i >= 0; i--) {
      const column = columnAt[i];
      if (column) raw[column] = cells[i] ?? "";
    }
    return checkRow(rowNumber, raw, firstEmail, firstInternalId);
  });
  const ignoredHeaders = header.filter((name, i) => name !== "" && (columnAt[i] === null || columnAt.indexOf(columnAt[i]) !== i));
  return { ok: true, delimiter, columns, ignoredHeaders, rows };
}

/**
 * `,` or `;`: the one whose header line names more of the known columns (Excel in Norway writes `;`, and a
 * name like "Berg, Ola" in a `;` file must not split); on a tie, the one that splits the header into more cells.
 */
export function detectDelimiter(text: string): "," | ";" {
  const score = (delimiter: "," | ";") => {
    let header: string[] = [];
    try {
      [header = []] = parse(text, { delimiter, to_line: 1, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
    } catch {
      return [-1, -1];
    }
    return [header.filter((cell) => columnOfHeader(cell) !== null).length, header.length];
  };
  const [commaKnown, commaCells] = score(",");
  const [semicolonKnown, semicolonCells] = score(";");
  if (semicolonKnown !== commaKnown) return semicolonKnown > commaKnown ? ";" : ",";
  return semicolonCells > commaCells ? ";" : ",";
}

/** Phone numbers as spreadsheets hold them ("+47 912 34 567", "912-34-567"): digits only, as EasyFreelance wants. */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s\-.()]/g, "").replace(/^\+/, "");
}

function checkRow(
  rowNumber: number,
  raw: Record<ImportColumn, string>,
  firstEmail: Map<string, number>,
  firstInternalId: Map<string, number>,
): ParsedImportRow {
  const errors: RowError[] = [];
  const email = raw.email.toLowerCase();
  const phone = normalisePhone(raw.phone);
  const languageKey = raw.language.toLowerCase();
  const language = languageKey === "" ? null : (LANGUAGES[languageKey] ?? null);
  const values: ImportRowValues = { email, firstName: raw.firstName, lastName: raw.lastName, internalId: raw.internalId, phone, language };

  for (const column of ["email", "firstName", "lastName"] as const) {
    if (raw[column] === "") errors.push({ field: column, code: "required" });
  }
  for (const column of IMPORT_COLUMNS) {
    if (raw[column].length > MAX_CELL) errors.push({ field: column, code: "tooLong" });
  }
  if (email !== "" && email.length <= MAX_CELL && !EMAIL.test(email)) errors.push({ field: "email", code: "invalidEmail" });
  if (raw.internalId !== "" && !/^\d{1,9}$/.test(raw.internalId)) errors.push({ field: "internalId", code: "invalidInternalId" });
  if (phone !== "" && !/^\d{4,15}$/.test(phone)) errors.push({ field: "phone", code: "invalidPhone" });
  if (languageKey !== "" && language === null) errors.push({ field: "language", code: "invalidLanguage" });

  if (email !== "") {
    const earlier = firstEmail.get(email);
    if (earlier !== undefined) errors.push({ field: "email", code: "duplicateEmail", row: earlier });
    else firstEmail.set(email, rowNumber);
  }
  if (raw.internalId !== "") {
    const earlier = firstInternalId.get(raw.internalId);
    if (earlier !== undefined) errors.push({ field: "internalId", code: "duplicateInternalId", row: earlier });
    else firstInternalId.set(raw.internalId, rowNumber);
  }

  // What the EasyFreelance client itself would refuse before sending (its rules mirror EasyFreelance's 422s).
  if (errors.length === 0) {
    const checked = upsertUserInputSchema.safeParse(toUpsertInput(values));
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = IMPORT_COLUMNS.find((column) => column === issue.path[0]) ?? "email";
        errors.push({ field, code: "rejected", detail: issue.message });
      }
    }
  }
  return { rowNumber, values, errors };
}

/** POST /users's input for a row (bank details are never imported: HR's file has none). */
export function toUpsertInput(values: ImportRowValues) {
  return {
    email: values.email,
    ...(values.firstName ? { firstName: values.firstName } : {}),
    ...(values.lastName ? { lastName: values.lastName } : {}),
    ...(values.internalId ? { internalId: Number(values.internalId) } : {}),
    ...(values.phone ? { phone: values.phone } : {}),
  };
}
