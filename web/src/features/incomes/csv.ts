/**
 * Reads the first field (the BSN) of each record of an income file, keyed by the line the
 * record starts on, the way the server numbers lines (the header is line 1, empty lines
 * count, a quoted line break moves the next record down). The server's report names rows
 * by line only and never repeats their values, so the page looks up the BSN here to show
 * it masked.
 */
export function bsnByLine(text: string): Map<number, string> {
  const out = new Map<number, string>();
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let field = "";
  let fieldIndex = 0;
  let inQuotes = false;
  let first: string | null = null;

  const endField = () => {
    if (fieldIndex === 0) first = field;
    field = "";
    fieldIndex++;
  };
  const endRecord = () => {
    endField();
    if (recordLine > 1 && first !== null) out.set(recordLine, first.trim());
    first = null;
    fieldIndex = 0;
  };

  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ",") endField();
    else if (ch === "\r" && body[i + 1] === "\n") continue;
    else if (ch === "\n") {
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== "" || fieldIndex > 0) endRecord();
  return out;
}
