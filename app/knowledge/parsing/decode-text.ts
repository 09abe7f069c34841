import { ParseError } from "./types";

const SNIFF_BYTES = 8 * 1024;
const MAX_CONTROL_SHARE = 0.1;

export const NO_TEXT_MESSAGE = "This file contains no text.";
const BINARY_MESSAGE = "This looks like a binary file, not text.";
const NOT_UTF8_MESSAGE = "This file is not UTF-8 text. Save it with UTF-8 encoding and upload it again.";

/**
 * Decodes an uploaded text file (.txt, .md, .html), refusing binaries renamed to a text extension.
 * `legacyEncoding` names the encoding a format can declare for itself (an HTML <meta charset>), tried when the
 * bytes are not UTF-8.
 */
export function decodeTextFile(bytes: Uint8Array, legacyEncoding?: (bytes: Uint8Array) => string | undefined): string {
  if (bytes.length === 0) throw new ParseError(NO_TEXT_MESSAGE);
  // Windows Notepad saves "Unicode" text as UTF-16 with a byte-order mark; its zero bytes are not a sign of a binary.
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    const text = decode(bytes, utf16, { fatal: true });
    if (text === undefined) throw new ParseError(BINARY_MESSAGE);
    return text;
  }
  if (looksBinary(bytes.subarray(0, SNIFF_BYTES))) throw new ParseError(BINARY_MESSAGE);
  const utf8 = decode(bytes, "utf-8", { fatal: true });
  if (utf8 !== undefined) return utf8;
  const declared = legacyEncoding?.(bytes);
  const legacy = declared ? decode(bytes, declared, { fatal: false }) : undefined;
  if (legacy === undefined) throw new ParseError(NOT_UTF8_MESSAGE);
  return legacy;
}

/** The decoded text, or undefined when the bytes are invalid in that encoding or the encoding is unknown. */
function decode(bytes: Uint8Array, encoding: string, options: { fatal: boolean }): string | undefined {
  try {
    return new TextDecoder(encoding, options).decode(bytes);
  } catch {
    return undefined;
  }
}

function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

// Tab, line feed, form feed, carriage return and escape (ANSI colours in logs) do occur in text.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

/** NUL bytes never occur in text, and other control bytes only rarely. */
function looksBinary(sample: Uint8Array): boolean {
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) controls++;
  }
  return controls > sample.length * MAX_CONTROL_SHARE;
}
