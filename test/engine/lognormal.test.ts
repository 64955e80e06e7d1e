/**
 * The lognormal clamp expectations of methodology §2 against direct numerical integration.
 *
 * Derivation of the reference: with W = exp(μ + σZ), Z standard normal,
 *   E[g(W)] = ∫ g(exp(μ + σz)) φ(z) dz,
 * integrated by composite Simpson's rule on [−12, 12], split at the kinks of g (z at ln L and
 * ln K) so that each piece is smooth; 4,000 intervals per piece give about 1e−12 relative error.
 */
import { describe, expect, it } from 'vitest';
import { expectedClamp, expectedMax, expectedMin, logSigma, normalCdf } from '../../src/engine/lognormal.js';

function integrate(f: (z: number) => number, a: number, b: number, n = 4000): number {
  if (b <= a) return 0;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

function expectationByIntegration(m: number, cv: number, g: (w: number) => number, kinksW: number[]): number {
  const sigma = logSigma(cv);
  const mu = Math.log(m) - (sigma * sigma) / 2;
  const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const f = (z: number) => g(Math.exp(mu + sigma * z)) * phi(z);
  const cuts = [-12, ...kinksW.map((w) => (Math.log(w) - mu) / sigma).filter((z) => z > -12 && z < 12).sort((a, b) => a - b), 12];
  let total = 0;
  for (let i = 0; i + 1 < cuts.length; i++) total += integrate(f, cuts[i], cuts[i + 1]);
  return total;
}

describe('normalCdf', () => {
  it('matches published values of Φ (Abramowitz & Stegun, Table 26.1)', () => {
    expect(normalCdf(0)).toBe(0.5);
    // Φ(1) = 0.8413447460685429, Φ(1.96) = 0.9750021048517795, Φ(−3) = 0.0013498980316301
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    // Far tail, Φ(−8) = 6.22096057427178e−16: Hart's continued fraction beyond 7.07 keeps about
    // 8 significant digits, far below anything a wage cell can notice.
    expect(Math.abs(normalCdf(-8) / 6.22096057427178e-16 - 1)).toBeLessThan(1e-7);
  });
});

describe('lognormal clamp expectations', () => {
  const cases = [
    { m: 2500, cv: 0.6, L: 1000, K: 6000 },
    { m: 1900, cv: 0.35, L: 1125, K: 6000 },
    { m: 8000, cv: 0.8, L: 1000, K: 6000 },
    { m: 500, cv: 0.2, L: 1100, K: 6000 },
    { m: 3000, cv: 1.5, L: 30, K: 3000 },
  ];

  for (const { m, cv, L, K } of cases) {
    const sigma = logSigma(cv);
    it(`E[min(W,K)], E[max(W,L)], E[clamp] for m=${m}, cv=${cv}, L=${L}, K=${K}`, () => {
      const minRef = expectationByIntegration(m, cv, (w) => Math.min(w, K), [K]);
      const maxRef = expectationByIntegration(m, cv, (w) => Math.max(w, L), [L]);
      const clampRef = expectationByIntegration(m, cv, (w) => Math.min(Math.max(w, L), K), [L, K]);
      expect(expectedMin(m, sigma, K) / minRef).toBeCloseTo(1, 9);
      expect(expectedMax(m, sigma, L) / maxRef).toBeCloseTo(1, 9);
      expect(expectedClamp(m, sigma, L, K) / clampRef).toBeCloseTo(1, 9);
    });
  }

  it('the integration itself recovers the mean (checks the reference, not the code)', () => {
    expect(expectationByIntegration(2500, 0.6, (w) => w, []) / 2500).toBeCloseTo(1, 10);
  });

  it('cv = 0 degenerates to min, max and clamp of the mean', () => {
    expect(expectedMin(7000, 0, 6000)).toBe(6000);
    expect(expectedMin(5000, 0, 6000)).toBe(5000);
    expect(expectedMax(800, 0, 1000)).toBe(1000);
    expect(expectedMax(1800, 0, 1000)).toBe(1800);
    expect(expectedClamp(800, 0, 1000, 6000)).toBe(1000);
    expect(expectedClamp(3000, 0, 1000, 6000)).toBe(3000);
    expect(expectedClamp(9000, 0, 1000, 6000)).toBe(6000);
  });

  it('tends to the degenerate values as cv tends to 0', () => {
    expect(expectedMin(7000, logSigma(1e-6), 6000)).toBeCloseTo(6000, 6);
    expect(expectedClamp(800, logSigma(1e-6), 1000, 6000)).toBeCloseTo(1000, 6);
  });

  it('a floor above the ceiling pays the floor (a minimum benefit is a guarantee)', () => {
    expect(expectedClamp(3000, logSigma(0.5), 7000, 6000)).toBe(7000);
  });
});
