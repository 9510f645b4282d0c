/**
 * CSV as RFC 4180 writes it: fields with a comma, quote or line break quoted (quotes
 * doubled), lines ended by CRLF, the header first.
 */
export function csvField(value: string | number | null | undefined): string {
  const v = value == null ? "" : String(value);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

export function csvText(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
) {
  return `${[csvLine(header), ...rows.map(csvLine)].join("\r\n")}\r\n`;
}
