/**
 * Series colours: distinct for the common colour-vision deficiencies (Okabe-Ito) and at least 3:1
 * against white. A legend and the table always name each series too: colour is never the only cue.
 */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}
