/**
 * Control characters in text a scenario file supplies (titles, keys, ids, paths). Echoed raw to
 * a terminal, ESC sequences can retitle the window, clear the screen or fake a line of output;
 * in a report they are invisible. Every text the tool prints or writes passes through here.
 */

// C0 controls except tab and newline, DEL, the C1 range (U+0080–U+009F, where CSI is U+009B),
// and the invisible marks that reorder or break what is shown: bidirectional overrides and
// isolates (a U+202E can make "txt.exe" read "exe.txt"), directional marks, line and paragraph
// separators.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Each control character shown as a visible escape (`\x1b`, `\u202e`), so the reader sees it was there. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Line breaks shown as `\n`: a message about one thing stays on one line, so it cannot fake another. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\r\\n'));
}

/**
 * Text from an input quoted for a message: in double quotes, line breaks and quotes escaped,
 * cut at 40 characters (a 50 MB cell is not echoed whole).
 */
export function quoted(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** Control characters, or a line break: not allowed in a title or a label, which are one line. */
export function hasControlOrBreak(text: string): boolean {
  return hasControl(text) || /[\r\n]/.test(text);
}
