/**
 * Firefox benches start from one foreground tab: Sortie opens its welcome
 * tab at install (once its rules and settings are in place), which would
 * take the foreground, and Firefox throttles the timers of a background tab.
 */
import type { Marionette } from '../../tests/e2e/support/marionette.ts';
import { sleep } from './stats.ts';

/**
 * Waits up to `waitMs` for a second tab (the welcome tab; pass 0 for a
 * browser without Sortie), closes every tab but the first and brings that one back.
 */
export async function keepFirstTab(m: Marionette, waitMs: number): Promise<void> {
  let handles = await m.send<string[]>('WebDriver:GetWindowHandles');
  for (let waited = 0; handles.length < 2 && waited < waitMs; waited += 100) {
    await sleep(100);
    handles = await m.send<string[]>('WebDriver:GetWindowHandles');
  }
  for (const handle of handles.slice(1)) {
    await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
    await m.send('WebDriver:CloseWindow');
  }
  await m.send('WebDriver:SwitchToWindow', { handle: handles[0], focus: true });
}
