/**
 * Sortie's UI on x.com lives in closed shadow roots, which Playwright's
 * locators (and X's scripts) cannot enter. A test reaches it the way only the
 * extension can: from the content script's world, through
 * chrome.dom.openOrClosedShadowRoot; and it acts as the user does, with real
 * (trusted) mouse clicks at the element's place on screen.
 */
import { expect, type Frame, type Page } from '@playwright/test';
import { evaluateInContentScript } from './isolated-world.ts';

interface Found {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  label: string | null;
}

/** The element matching `selector` inside the overlay's shadow root, if it is there and laid out. */
export function inOverlay(page: Page, extensionId: string, selector: string): Promise<Found | null> {
  return evaluateInContentScript<Found | null>(
    page,
    extensionId,
    `(() => {
      const host = document.querySelector('sortie-overlay');
      const root = host && chrome.dom.openOrClosedShadowRoot(host);
      const el = root && root.querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).display === 'none') return null;
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent, label: el.getAttribute('aria-labelledby') && root.getElementById(el.getAttribute('aria-labelledby'))?.textContent };
    })()`,
  );
}

export const OFFER_BUTTON = 'button[data-sortie="offer"]';
export const DIALOG = '[role="dialog"]';
export const CLOSE_BUTTON = 'button.close';

/** Waits for the element and clicks its middle with the real mouse. */
export async function clickInOverlay(page: Page, extensionId: string, selector: string): Promise<void> {
  let found: Found | null = null;
  await expect.poll(async () => (found = await inOverlay(page, extensionId, selector)) !== null).toBe(true);
  const box = found as unknown as Found;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Moves focus to the element (as Tab would), for keys pressed next. */
export async function focusInOverlay(page: Page, extensionId: string, selector: string): Promise<void> {
  await evaluateInContentScript(
    page,
    extensionId,
    `chrome.dom.openOrClosedShadowRoot(document.querySelector('sortie-overlay')).querySelector(${JSON.stringify(selector)}).focus()`,
  );
}

/** The compose page framed by the overlay (Playwright lists frames inside closed shadow roots too). */
export async function composeFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(() => (frame = page.frames().find((f) => f.url().includes('/compose.html'))) !== undefined)
    .toBe(true);
  return frame!;
}
