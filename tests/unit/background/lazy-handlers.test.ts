import { describe, expect, it, vi } from 'vitest';
import { lazyHandlers } from '../../../lib/background/lazy-handlers';
import type { FeatureHandlers } from '../../../lib/background/handlers';
import { dispatch } from '../../../lib/background/router';
import { MESSAGES } from '../../../lib/messages';
import { DEFAULT_SETTINGS } from '../../../lib/settings';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const page = { id: ID, url: `${ORIGIN}/options.html` };

describe('the handler map the background starts with', () => {
  it('answers the settings without loading the features', async () => {
    const features = vi.fn(async () => ({ handlers: {} as FeatureHandlers }));
    const reply = await dispatch(lazyHandlers(features), { sortie: 1, name: 'settings.get' }, page, ID, ORIGIN);
    expect(reply).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(features).not.toHaveBeenCalled();
  });

  it('loads nothing for a message the router refuses', async () => {
    const features = vi.fn(async () => ({ handlers: {} as FeatureHandlers }));
    const handlers = lazyHandlers(features);
    const reply = await dispatch(handlers, { sortie: 1, name: 'accounts.list', body: 'extra' }, page, ID, ORIGIN);
    expect(reply?.ok).toBe(false);
    expect(features).not.toHaveBeenCalled();
  });

  it('hands every other message to the loaded features, with its request and context', async () => {
    const list = vi.fn(async () => []);
    const features = vi.fn(async () => ({ handlers: { 'accounts.list': list } as unknown as FeatureHandlers }));
    const handlers = lazyHandlers(features);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(MESSAGES).sort());
    const reply = await dispatch(handlers, { sortie: 1, name: 'accounts.list' }, page, ID, ORIGIN);
    expect(reply).toEqual({ ok: true, value: [] });
    expect(features).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledWith(undefined, { sender: 'extension', tabId: undefined, url: page.url });
  });
});
