/**
 * Builds the extension once if no build exists (npm test builds before the
 * e2e step; running `npx playwright test` alone still works).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FIREFOX_BUILD } from './firefox.ts';
import { CHROME_BUILD } from './paths.ts';

export default function globalSetup(): void {
  if (process.env.SORTIE_REBUILD === '1' || !existsSync(`${CHROME_BUILD}/manifest.json`)) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
  if (process.env.SORTIE_REBUILD === '1' || !existsSync(`${FIREFOX_BUILD}/manifest.json`)) {
    execSync('npx wxt build -b firefox', { stdio: 'inherit' });
  }
}
