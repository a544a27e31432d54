/** What an imported record becomes here: jobs held, mirrors off, a foreign preferred mirror dropped. */
import { describe, expect, it } from 'vitest';
import { decideJob, importedMirror, importedSettings } from '../../../lib/backup/merge';
import type { Job } from '../../../lib/model/job';
import { job } from './fixtures';

describe('decideJob', () => {
  it.each<[string, Partial<Job> | undefined, Partial<Job>, 'add' | 'replace' | 'keep', Job['state']]>([
    ['a new queued post is added held', undefined, { state: 'queued' }, 'add', 'held'],
    ['a new sent post is added as history', undefined, { state: 'sent' }, 'add', 'sent'],
    [
      'a post sent here is never replaced, even by a newer copy',
      { state: 'sent', updatedAt: 1 },
      { state: 'queued', updatedAt: 9 },
      'keep',
      'sent',
    ],
    [
      'a post queued here is never replaced',
      { state: 'queued', updatedAt: 1 },
      { state: 'queued', updatedAt: 9 },
      'keep',
      'queued',
    ],
    [
      'a held post takes a newer copy, still held',
      { state: 'held', updatedAt: 1 },
      { state: 'retrying', updatedAt: 9 },
      'replace',
      'held',
    ],
    [
      'a held post keeps itself over an older copy',
      { state: 'held', updatedAt: 9 },
      { state: 'queued', updatedAt: 1 },
      'keep',
      'held',
    ],
  ])('%s', (_name, here, incoming, decision, state) => {
    const out = decideJob(here ? job('j', here) : undefined, job('j', incoming));
    expect(out.decision).toBe(decision);
    expect(out.job.state).toBe(state);
  });
});

describe('importedMirror', () => {
  it('arrives turned off, unpinned, from a backup, with no health of its own', () => {
    expect(
      importedMirror({
        id: 'm',
        name: 'M',
        origin: 'https://evil.example',
        pinned: true,
        disabled: false,
        scheme: 'nitter',
      }),
    ).toEqual({
      id: 'm',
      name: 'M',
      origin: 'https://evil.example',
      scheme: 'nitter',
      pinned: false,
      disabled: true,
      fromBackup: true,
      builtIn: false,
      health: 'unknown',
      latencyMs: null,
      checkedAt: null,
      reason: '',
    });
  });
});

describe('importedSettings', () => {
  const builtIn = new Set(['xcancel.com']);
  it.each<[string, string | null | undefined, string | null | undefined, boolean]>([
    ['no links settings', undefined, undefined, false],
    ['no preferred mirror', null, null, false],
    ['a built-in preferred mirror is restored', 'xcancel.com', 'xcancel.com', false],
    ['any other preferred mirror is dropped', 'https://evil.example', null, true],
  ])('%s', (_name, pinned, expected, dropped) => {
    const patch =
      pinned === undefined ? { language: 'fr' as const } : { links: { pinnedMirror: pinned, redirect: true } };
    const out = importedSettings(patch, builtIn);
    expect(out.pinDropped).toBe(dropped);
    expect(out.settings.links?.pinnedMirror).toBe(expected);
    if (pinned !== undefined) expect(out.settings.links?.redirect).toBe(true);
  });
});
