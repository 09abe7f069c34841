const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const DARK_TEXT = "#111827";
const LIGHT_TEXT = "#ffffff";

/**
 * The brand colour and a readable text colour for it, as the custom properties the styles use.
 * Set through CSSOM (style.setProperty), which a strict CSP allows, unlike style attributes in markup.
 * An invalid colour (say, a half-typed one in the dashboard preview) leaves the last good one.
 */
export function applyBrandColor(element: HTMLElement, color: string): void {
  if (!HEX_COLOR.test(color)) return;
  element.style.setProperty("--hd-brand", color);
  element.style.setProperty("--hd-on-brand", textColorOn(color));
}

/** Whichever of dark or light text contrasts more with `color` (WCAG relative luminance). */
export function textColorOn(color: string): string {
  const [red, green, blue] = [1, 3, 5].map((offset) => {
    const channel = parseInt(color.slice(offset, offset + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  // #111827 has luminance ≈ 0.009, white 1: the two contrast ratios are equal at a luminance of ≈ 0.2.
  return (luminance + 0.05) / 0.059 > 1.05 / (luminance + 0.05) ? DARK_TEXT : LIGHT_TEXT;
}
