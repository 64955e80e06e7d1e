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

/** Words wrapped to `width`, every line after the first indented by `indent`. */
export function wrapWords(text: string, first: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line.trim() === '' || line === first ? line + word : `${line} ${word}`;
    if (candidate.length > width && line.trim() !== '' && line !== first) {
      lines.push(line);
      line = indent + word;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}
