/**
 * Fast lognormal expectations for the engine's inner loop: the same quantities as
 * lognormal.ts (which stays the reference, and a test holds them equal), read from a table.
 *
 * For W lognormal with mean m and log-σ σ, and a bound B, write z = ln(B/m). The expected
 * top-up to a floor is m·h(z) with
 *   h(z) = E[max(B − W, 0)]/m = e^z·Φ(d) − Φ(d − σ),   d = (z + σ²/2)/σ,
 * and the capped mean is E[min(W, B)] = B − m·h(z). So one function of z serves ceilings and
 * floors alike. Its derivative is h′(z) = e^z·Φ(d), so a cubic Hermite interpolant on a
 * uniform grid of 4,096 points over |z + σ²/2| ≤ 9σ + 1 reproduces h to better than 1e−9
 * relative (cv up to 2);
 * outside the grid h is 0 (bound far below every wage) or e^z − 1 (far above), exactly to
 * double precision. In the loop, z = ln B − ln m needs no logarithm per cell: ln m is the
 * group's log mean wage for the year plus the log of the age profile.
 */
import { normalCdf } from './lognormal.js';

const POINTS = 4096;

export interface WageTable {
  readonly sigma: number;
  readonly zMin: number;
  readonly zMax: number;
  readonly step: number;
  readonly inverseStep: number;
  /** At grid point k: h at [2k] and h′ times the step at [2k + 1] (side by side, read together). */
  readonly points: Float64Array;
}

const cache = new Map<number, WageTable>();

/** The table for a log-σ, built once per process and shared. */
export function wageTable(sigma: number): WageTable {
  let table = cache.get(sigma);
  if (!table) {
    table = buildTable(sigma);
    cache.set(sigma, table);
  }
  return table;
}

function exactTopUp(z: number, sigma: number): { value: number; slope: number } {
  const d = (z + 0.5 * sigma * sigma) / sigma;
  const ez = Math.exp(z);
  const upper = normalCdf(d);
  return { value: ez * upper - normalCdf(d - sigma), slope: ez * upper };
}

function buildTable(sigma: number): WageTable {
  const centre = -0.5 * sigma * sigma;
  const half = 9 * sigma + 1;
  const zMin = centre - half;
  const zMax = centre + half;
  const step = (zMax - zMin) / (POINTS - 1);
  const points = new Float64Array(2 * POINTS);
  for (let k = 0; k < POINTS; k++) {
    const exact = exactTopUp(zMin + k * step, sigma);
    points[2 * k] = exact.value;
    points[2 * k + 1] = exact.slope * step;
  }
  return { sigma, zMin, zMax, step, inverseStep: 1 / step, points };
}

/** h(z) = E[max(B − W, 0)]/m (module comment). */
export function topUpRatio(table: WageTable, z: number): number {
  if (z <= table.zMin) return 0;
  if (z >= table.zMax) return Math.exp(z) - 1;
  const u = (z - table.zMin) * table.inverseStep;
  const k = u | 0; // u is in [0, POINTS − 1): truncation is the floor
  const t = u - k;
  const p = table.points;
  const at = 2 * k;
  // Cubic Hermite on [k, k+1]: h0·(1 + 2t)(1 − t)² + m0·t(1 − t)² + h1·t²(3 − 2t) + m1·t²(t − 1).
  const s = 1 - t;
  const t2 = t * t;
  const s2 = s * s;
  return p[at] * (1 + 2 * t) * s2 + p[at + 1] * t * s2 + p[at + 2] * t2 * (3 - 2 * t) - p[at + 3] * t2 * s;
}
