/**
 * Evidence files of a transition cost (invoices, photographs of the work): PDF, PNG or
 * JPEG, recognised by their first bytes (magic numbers), never by the name or the type the
 * browser declares; at most EVIDENCE_MAX_BYTES each and EVIDENCE_MAX_FILES per entry. Kept
 * in the database as sent, with their size and sha256.
 */
import { createHash } from "node:crypto";
import type { Issue } from "../../domain/errors";

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const EXTENSIONS: Record<EvidenceType, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
};

const MAGIC: [EvidenceType, number[]][] = [
  // "%PDF-"
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  // \x89 "PNG" \r \n \x1a \n
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  // SOI and the first marker's 0xFF
  ["image/jpeg", [0xff, 0xd8, 0xff]],
];

/** The file's type by its first bytes, or null when it is none of PDF, PNG and JPEG. */
export function sniffMediaType(bytes: Uint8Array): EvidenceType | null {
  for (const [type, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/**
 * The name the file is kept and offered under: the last part of the name sent (no folders),
 * without control characters, quotes or backslashes, at most 120 characters, with the
 * extension of its real type; "evidence.pdf" when nothing is left.
 */
export function safeFileName(name: string, type: EvidenceType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed
    .replace(/[\u0000-\u001f\u007f"\\]/g, "")
    .trim();
  const ext = EXTENSIONS[type];
  const stem = base.replace(/\.[^.]*$/, "").slice(0, 110) || "evidence";
  return `${stem}.${ext}`;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface EvidenceFile {
  fileName: string;
  mediaType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  content: Uint8Array;
}

/**
 * Checks the files sent as `evidence` (one or more); each problem is an issue naming the
 * file (`evidence.0`, `evidence.1` …) with its name in the params.
 */
export function checkEvidence(files: readonly UploadedFile[], issues: Issue[]): EvidenceFile[] {
  if (files.length === 0) {
    issues.push({
      path: "evidence",
      code: "evidence_required",
      message: "send one or more evidence files (PDF, PNG or JPEG) in the form field evidence",
    });
    return [];
  }
  if (files.length > EVIDENCE_MAX_FILES) {
    issues.push({
      path: "evidence",
      code: "evidence_too_many",
      message: `at most ${EVIDENCE_MAX_FILES} evidence files per entry`,
      params: { max: EVIDENCE_MAX_FILES, count: files.length },
    });
    return [];
  }
  const out: EvidenceFile[] = [];
  files.forEach((file, i) => {
    const path = `evidence.${i}`;
    const name = file.name.slice(0, 120);
    if (file.bytes.length === 0) {
      issues.push({ path, code: "evidence_empty", message: "the file is empty", params: { name } });
      return;
    }
    if (file.bytes.length > EVIDENCE_MAX_BYTES) {
      issues.push({
        path,
        code: "evidence_too_large",
        message: `the file is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
        params: { name, maxMb: EVIDENCE_MAX_BYTES / 1024 / 1024, sizeBytes: file.bytes.length },
      });
      return;
    }
    const type = sniffMediaType(file.bytes);
    if (!type) {
      issues.push({
        path,
        code: "evidence_type",
        message: "the file is not a PDF, PNG or JPEG (checked by its content)",
        params: { name },
      });
      return;
    }
    out.push({
      fileName: safeFileName(file.name, type),
      mediaType: type,
      sizeBytes: file.bytes.length,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      content: file.bytes,
    });
  });
  return out;
}
