/**
 * One look for every chart: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), and for each series also a dash pattern and a point style, so that lines stay
 * apart in greyscale. A group or a scenario keeps its colour in every chart: it is chosen by its
 * position in the scenario's list of groups, or in the comparison's list of scenarios.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;
const DASHES: number[][] = [[], [14, 6], [4, 4], [18, 5, 4, 5], [2, 6], [10, 4, 2, 4, 2, 4]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'] as const;

export interface SeriesStyle {
  borderColor: string;
  backgroundColor: string;
  borderDash: number[];
  pointStyle: (typeof POINTS)[number];
}

export function seriesStyle(index: number): SeriesStyle {
  const colour = PALETTE[index % PALETTE.length];
  return { borderColor: colour, backgroundColor: colour, borderDash: DASHES[index % DASHES.length], pointStyle: POINTS[index % POINTS.length] };
}

/** The same colour, lighter, for stacked areas and bars. */
export function fill(index: number, alpha = 0.85): string {
  const hex = PALETTE[index % PALETTE.length];
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
