/**
 * Runs code inside Sortie's content script world on a page (the "isolated
 * world" Chromium gives each extension), through the DevTools protocol. This
 * is how a test speaks as the real content script would.
 */
import type { Page } from '@playwright/test';

export async function evaluateInContentScript<T>(page: Page, extensionId: string, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let ctx: (typeof contexts)[number] | undefined;
  while (!(ctx = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId)))) {
    if (Date.now() > deadline) throw new Error('Sortie content script world not found on this page');
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: ctx.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? 'evaluation failed');
  return result.result.value as T;
}
