// CSV for spreadsheets: every cell quoted, and a cell a spreadsheet would read as a formula
// (= + - @, or a tab/CR that some tools strip first) gets a leading quote so it stays text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV line, with its line break (for streaming). */
export function csvRow(row: readonly unknown[]): string {
  return row.map(csvCell).join(",") + "\r\n";
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [header, ...rows].map(csvRow).join("");
}
