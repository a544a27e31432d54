import { afterEach, describe, expect, it } from 'vitest';
import { exportBackup } from '../../lib/backup/export';
import { importBackup } from '../../lib/backup/import';
import { MIN_KDF_ITERATIONS } from '../../lib/backup/crypto';
import { closeSortieDb, openSortieDb } from '../../lib/db';
import { MESSAGES } from '../../lib/messages';
import { MAX_DEFAULT_TARGETS, MAX_LINK_EXCEPTIONS, settingsPatchSchema } from '../../lib/settings-schema';
import { getSettings, updateSettings } from '../../lib/settings-store';
import { ValidationError } from '../../lib/validate';

const targets = (n: number) => Array.from({ length: n }, (_, i) => `mastodon:https://example.social:${i}`);
const exceptions = (n: number) => Array.from({ length: n }, (_, i) => `/i/path${i}`);

describe('the settings patch: one schema, one set of limits', () => {
  it('is the check of settings.update', () => {
    expect(MESSAGES['settings.update'].request).toBe(settingsPatchSchema);
  });

  it.each([
    ['targets at the limit', { defaultTargets: targets(MAX_DEFAULT_TARGETS) }, true],
    ['one target more', { defaultTargets: targets(MAX_DEFAULT_TARGETS + 1) }, false],
    // The backup check allowed 100 targets, the message 50: the larger one is kept.
    ['the 100 targets a backup could carry', { defaultTargets: targets(100) }, true],
    ['exceptions at the limit', { links: { exceptions: exceptions(MAX_LINK_EXCEPTIONS) } }, true],
    ['one exception more', { links: { exceptions: exceptions(MAX_LINK_EXCEPTIONS + 1) } }, false],
    // The backup check allowed 500 exceptions, the message 200.
    ['the 500 exceptions a backup could carry', { links: { exceptions: exceptions(500) } }, true],
    ['an exception that is not a path', { links: { exceptions: ['i/bookmarks'] } }, false],
  ])('%s', (_, patch, ok) => {
    const check = () => settingsPatchSchema(patch);
    if (ok) expect(check()).toEqual(patch);
    else expect(check).toThrow(ValidationError);
  });
});

describe('a backup carrying settings at the limits', () => {
  afterEach(async () => {
    await closeSortieDb();
    indexedDB.deleteDatabase('sortie');
  });

  it('exports and imports them whole', async () => {
    const patch = {
      defaultTargets: targets(MAX_DEFAULT_TARGETS),
      links: { exceptions: exceptions(MAX_LINK_EXCEPTIONS) },
    };
    await updateSettings(await openSortieDb(), patch);
    const json = await exportBackup(await openSortieDb(), {
      now: Date.UTC(2026, 8, 1),
      app: 'Sortie test',
      iterations: MIN_KDF_ITERATIONS,
    });
    await closeSortieDb();
    indexedDB.deleteDatabase('sortie');
    await importBackup(await openSortieDb(), json, undefined);
    const settings = await getSettings(await openSortieDb());
    expect(settings.links.exceptions).toEqual(patch.links.exceptions);
  });
});
