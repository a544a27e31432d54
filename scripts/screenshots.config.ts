/**
 * `npm run screenshots`: the README's pictures, taken from the real build in
 * Debian's Chromium with the same test servers as the end-to-end suite
 * (scripts/screenshots.ts). Writes docs/screenshots/*.png.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: 'screenshots.ts',
  globalSetup: '../tests/e2e/support/global-setup.ts',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { trace: 'off' },
});
