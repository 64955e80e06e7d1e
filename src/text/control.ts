/**
 * Control characters in text a scenario file supplies (titles, keys, ids, paths). Echoed raw to
 * a terminal, ESC sequences can retitle the window, clear the screen or fake a line of output;
 * in a report they are invisible. Every text the tool prints or writes passes through here.
 */

// C0 controls except tab and newline, DEL, and the C1 range (U+0080–U+009F, where CSI is U+009B).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Each control character shown as a visible escape (`\x1b`), so the reader sees it was there. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}
