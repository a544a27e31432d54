import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CHROME_BUILD = resolve('.output/chrome-mv3');

/** Debian's Chromium when present; Playwright's own browser elsewhere. */
export const CHROMIUM: string | undefined = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
