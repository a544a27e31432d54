import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension; the machine
// has two cores, so tests run one at a time in one worker.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  // Screenshot tests compare with baselines made in Debian's Chromium (the browser CI runs); a
  // small tolerance absorbs anti-aliasing, a moved or resized block does not pass.
  expect: { timeout: 10_000, toHaveScreenshot: { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' } },
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
  // On CI a test that fails once is run once more and reported as "flaky" in the list,
  // so a timing accident on a loaded machine is visible without sinking the run.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: { trace: 'off' },
  // Journeys (tests/e2e/journeys) are written once for both browsers (tests/e2e/support/journey.ts);
  // Chromium also runs every other spec. Firefox ESR is driven over Marionette, not by Playwright.
  projects: [
    { name: 'chromium', grepInvert: /@firefox-only/ },
    { name: 'firefox', testMatch: 'journeys/**/*.spec.ts', grepInvert: /@chromium-only/ },
  ],
});
