/**
 * What a page can feed into Sortie's storage stays bounded. The content
 * scripts' messages ('from: any' in lib/messages.ts) are: page.config,
 * bridge.panel and bridge.open (nothing stored), compose.open (a draft per
 * opening: tests/unit/drafts-bounds.test.ts), links.mirrorFailed (here),
 * bridge.collect (bounded per run by the follow collector). X redirects a page
 * can cause bump a counter (here).
 */
import { describe, expect, it } from 'vitest';
import { createLinksControl } from '../../../lib/links/background/control';
import { openSortieDb } from '../../../lib/db';
import { BUILT_IN_MIRRORS } from '../../../lib/links/mirrors';
import { bumpStat, readStats } from '../../../lib/stats';
import { fakeLinksEnv } from '../links/background/links-env';

describe('links.mirrorFailed', () => {
  it('keeps one fixed-size health row per known mirror, whatever a mirror page reports', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    await links.refresh();
    const detail = 'd'.repeat(300);
    for (let i = 0; i < 100; i += 1) {
      // Unknown origins are ignored; a known mirror's row is overwritten, never appended to.
      await links.mirrorFailed(1, `https://not-a-mirror-${i}.example/jack`, {
        state: 'down',
        reason: 'http-error',
        detail,
      });
      await links.mirrorFailed(1, `https://${BUILT_IN_MIRRORS[i % 3]!.id}/jack/status/${i}`, {
        state: 'down',
        reason: 'rate-limited',
        detail,
      });
    }
    const rows = await (await openSortieDb()).getAll('mirrors');
    expect(rows.length).toBeLessThanOrEqual(BUILT_IN_MIRRORS.length);
    expect(JSON.stringify(rows)).not.toContain(detail);
    expect(JSON.stringify(rows)).not.toContain('not-a-mirror');
    expect(JSON.stringify(rows)).not.toContain('/jack');
  });
});

describe('counters', () => {
  it('a page causing 1,000 redirects in a day makes one row, not 1,000', async () => {
    const db = await openSortieDb();
    const now = new Date(2026, 5, 1, 12).getTime();
    for (let i = 0; i < 1_000; i += 1) await bumpStat(db, 'x.redirected', 1, now);
    const rows = await readStats(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'x.redirected', count: 1_000 });
  });
});
