import { ValidationError } from "./errors";

/** A Dutch postcode as "3511 AB"; a ValidationError on `path` otherwise. */
export function normalisePostcode(value: string, path: string): string {
  const m = /^([1-9]\d{3})\s?([A-Za-z]{2})$/.exec(value.trim());
  if (!m) {
    throw new ValidationError({
      path,
      code: "postcode_format",
      message: "expected a Dutch postcode such as 3511 AB",
    });
  }
  return `${m[1]} ${m[2]!.toUpperCase()}`;
}
