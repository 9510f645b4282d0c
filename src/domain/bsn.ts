import { ValidationError } from "./errors";

/**
 * Burgerservicenummer: nine digits, kept as text (leading zeros matter), valid when
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (the "elfproef"). 000000000 passes the
 * arithmetic but is never issued, so it is refused too.
 */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === "000000000") return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** Normalises (strips spaces and dots) and checks a BSN; throws naming the field. */
export function parseBsn(value: string, path = "bsn"): string {
  const bsn = value.replace(/[\s.]/g, "");
  if (!/^[0-9]{9}$/.test(bsn)) {
    throw new ValidationError({
      path,
      code: "bsn_format",
      message: "BSN must be 9 digits",
    });
  }
  if (!isValidBsn(bsn)) {
    throw new ValidationError({
      path,
      code: "bsn_checksum",
      // No value in messages: they travel back in answers and could end up in logs.
      message: "BSN fails the 11-check",
    });
  }
  return bsn;
}

/** Completes 8 digits to a valid BSN, or null when no 9th digit makes it pass. */
export function completeBsn(first8: string): string | null {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${first8}${d}`;
    if (isValidBsn(candidate)) return candidate;
  }
  return null;
}
