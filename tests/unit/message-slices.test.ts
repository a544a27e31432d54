import { describe, expect, it } from 'vitest';
import { ACCOUNT_MESSAGES } from '../../lib/accounts/messages';
import { ARCHIVE_ENGINE_MESSAGES } from '../../lib/archive/engine/protocol';
import { ARCHIVE_MESSAGES } from '../../lib/archive/messages';
import { BACKUP_ENGINE_MESSAGES } from '../../lib/backup/engine/protocol';
import { DATA_MESSAGES } from '../../lib/backup/messages';
import { ACCOUNTS_ENGINE_MESSAGES } from '../../lib/accounts/engine/protocol';
import { BRIDGE_ENGINE_MESSAGES } from '../../lib/bridge/engine/protocol';
import { BRIDGE_MESSAGES } from '../../lib/bridge/messages';
import { COMPOSE_MESSAGES } from '../../lib/compose/messages';
import { ENGINE_MESSAGES } from '../../lib/engine/protocol';
import { LINK_MESSAGES } from '../../lib/links/messages';
import { MESSAGES } from '../../lib/messages';
import { OUTBOX_ENGINE_MESSAGES } from '../../lib/outbox/engine/protocol';
import { OUTBOX_MESSAGES } from '../../lib/outbox/messages';
import { SETTINGS_MESSAGES } from '../../lib/settings-messages';
import { X_MESSAGES } from '../../lib/x/messages';

/** Spreading slices would let a later one replace an earlier one's message silently: names must not repeat. */
describe('the message tables are their slices, each name once', () => {
  it('background table', () => {
    const slices = [
      SETTINGS_MESSAGES,
      ACCOUNT_MESSAGES,
      COMPOSE_MESSAGES,
      OUTBOX_MESSAGES,
      X_MESSAGES,
      LINK_MESSAGES,
      DATA_MESSAGES,
      BRIDGE_MESSAGES,
      ARCHIVE_MESSAGES,
    ];
    const names = slices.flatMap((slice) => Object.keys(slice));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(MESSAGES).sort()).toEqual([...names].sort());
    for (const slice of slices)
      for (const [name, spec] of Object.entries(slice)) expect(MESSAGES[name as keyof typeof MESSAGES]).toBe(spec);
  });

  it('engine table', () => {
    const names = [
      ...Object.keys(OUTBOX_ENGINE_MESSAGES),
      ...Object.keys(ACCOUNTS_ENGINE_MESSAGES),
      ...Object.keys(BRIDGE_ENGINE_MESSAGES),
      ...Object.keys(ARCHIVE_ENGINE_MESSAGES),
      ...Object.keys(BACKUP_ENGINE_MESSAGES),
    ];
    expect(new Set(names).size).toBe(names.length);
    // Every operation comes from a slice: the assembled table declares none of its own.
    expect(Object.keys(ENGINE_MESSAGES).sort()).toEqual([...names].sort());
  });
});
