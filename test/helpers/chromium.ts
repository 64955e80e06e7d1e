/**
 * Headless Chromium for the browser tests: Debian's package at /usr/bin/chromium (`.ci/run`
 * installs it), started as root without a sandbox, and without the background connections that
 * this machine's closed network refuses.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

/** Says why a browser test is skipped (a skipped test is announced, never silent). */
export function warnIfNoChromium(what: string): void {
  if (!chromiumAvailable) console.warn(`${what} browser test skipped: ${CHROMIUM} not found (install the Debian package "chromium")`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
