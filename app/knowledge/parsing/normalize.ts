// Zero-width characters and the soft hyphen are invisible, but they split words for search and for token counts.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// C0/C1 control characters other than tab and line breaks are never meaningful text.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

/** Text that is one line in the output (a paragraph, heading, list item or table cell): all whitespace becomes one space. */
export function normalizeInline(text: string): string {
  return cleanCharacters(text).replace(/\s+/g, " ").trim();
}

/** Text whose line breaks carry meaning (an FAQ answer): runs of spaces collapse, at most one blank line is kept. */
export function normalizeLines(text: string): string {
  return cleanCharacters(text)
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Code keeps its indentation and inner spacing; only trailing spaces and surrounding blank lines go. */
export function normalizeCode(text: string): string {
  return cleanCharacters(text)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

/** NFC, every line break as LF, invisible and control characters gone. */
function cleanCharacters(text: string): string {
  return (
    text
      .normalize("NFC")
      .replace(INVISIBLE, "")
      .replace(CONTROL, "")
      // Vertical tab and form feed separate lines and pages (e.g. in text exported from PDFs): keep them as line breaks.
      .replace(/\r\n?|[\v\f]/g, "\n")
  );
}
