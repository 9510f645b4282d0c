/**
 * Uploaded text files (CSV imports): their bytes must be UTF-8. Anything else is refused
 * with the line and byte offset of the first invalid byte, never the byte itself.
 */
import { isUtf8 } from "node:buffer";
import { ValidationError } from "./errors";

/**
 * The file's text. Anything but valid UTF-8 is refused, naming the line and byte offset of
 * the first invalid byte (not the byte itself): decoding it with replacement characters
 * would store mangled payers without a word.
 */
export function decodeUtf8File(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    throw new ValidationError({
      path: `line ${line}`,
      code: "csv_encoding",
      message: `the file is not UTF-8: an invalid byte sequence at line ${line}, byte offset ${offset} (counted from 0); save the file as UTF-8`,
      params: { line, offset },
    });
  }
  return new TextDecoder("utf-8").decode(bytes);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += n + 1;
  }
  return b.length;
}
