import { ValidationError } from "../domain/errors";

/** The file's bytes, decoded by the import (which refuses anything but UTF-8). */
export async function csvFromRequest(c: {
  req: {
    header(name: string): string | undefined;
    arrayBuffer(): Promise<ArrayBuffer>;
    parseBody(): Promise<Record<string, unknown>>;
  };
}): Promise<Uint8Array | string> {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) return new Uint8Array(await c.req.arrayBuffer());
  const form = await c.req.parseBody();
  const file = form.file;
  if (file instanceof File) return new Uint8Array(await file.arrayBuffer());
  if (typeof file === "string" && file) return file;
  throw new ValidationError({
    path: "file",
    code: "required",
    message: "send the CSV file in the form field file",
  });
}
