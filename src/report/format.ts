/** How numbers are written in reports: one place, so CSVs, JSON and the terminal agree. */

/** Money to the cent, persons to three decimals (they are expected values). */
export function money(x: number): string {
  return fixed(x, 2);
}

export function persons(x: number): string {
  return fixed(x, 3);
}

function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  // No "-0.00": a negative zero is zero.
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Thousands separators for the terminal: 1234567.8 -> "1,234,568". */
export function grouped(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
