/** axe-core in any of Sortie's pages, in either browser (its source evaluated there, as @axe-core/playwright injects it). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Tab } from './journey.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Fails with every violation axe finds in the tab's page, `state` saying which state of the page it was. */
export async function expectNoAxeViolations(tab: Tab, state: string): Promise<void> {
  const violations = await tab.evaluate<string[]>(`(() => {
    ${AXE}
    return axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => v.id + ' (' + v.impact + ') ' + v.nodes.map((n) => n.target.join(' ')).join(', ')));
  })()`);
  expect(violations, state).toEqual([]);
}
