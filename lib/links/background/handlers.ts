/**
 * The background's answers to the links messages (options page, fallback
 * page, mirror-check script). Each is a thin call into the links control or the
 * mirror store; the router has already checked sender and shape.
 */
import { SortieError } from '../../messaging/errors.ts';
import type { Handlers } from '../../messaging/router.ts';
import type { LinkMessageName } from '../messages.ts';
import type { LinksState, MirrorView } from '../state.ts';
import { parseXUrl } from '../x-url.ts';
import { getSettings, updateSettings } from '../../settings-store.ts';
import type { Db } from '../../db.ts';
import type { LinksControl } from './control.ts';
import { addUserMirror, listMirrors, removeUserMirror, setMirrorDisabled, type MirrorList } from './mirrors.ts';
import { linkScriptMatches, originGranted } from './scripts.ts';

export interface LinkHandlerDeps {
  db: () => Promise<Db>;
  links: LinksControl;
  grantedOrigins: () => Promise<string[]>;
}

function views(list: MirrorList, granted: readonly string[]): MirrorView[] {
  return list.entries.map(({ mirror, disabled, fromBackup }) => {
    const h = list.health[mirror.id];
    return {
      id: mirror.id,
      name: mirror.name,
      origin: mirror.origin,
      scheme: mirror.scheme,
      builtIn: mirror.builtIn,
      disabled,
      fromBackup: fromBackup === true,
      health: h?.state ?? 'unknown',
      reason: h?.reason ?? null,
      latencyMs: h?.latencyMs === null || h?.latencyMs === undefined ? null : Math.round(h.latencyMs),
      checkedAt: h?.checkedAt ?? null,
      access: originGranted(mirror.origin, granted),
    };
  });
}

function requireXUrl(url: string): string {
  if (parseXUrl(url) === null) throw new SortieError('error.links.notXUrl', url);
  return url;
}

export function linkHandlers({ db, links, grantedOrigins }: LinkHandlerDeps): Pick<Handlers, LinkMessageName> {
  const state = async (): Promise<LinksState> => {
    const list = await listMirrors(await db());
    const granted = await grantedOrigins();
    const settings = await getSettings(await db());
    const current = settings.links.redirect ? await links.currentMirrorId() : null;
    const sites = linkScriptMatches(
      granted,
      list.entries.map((e) => e.mirror),
    );
    const currentUsable = list.entries.some(
      (e) => e.mirror.id === current && !e.disabled && list.health[e.mirror.id]?.state !== 'down',
    );
    return {
      mirrors: views(list, granted),
      current: currentUsable ? current : null,
      target: !settings.links.redirect ? 'off' : currentUsable ? 'mirror' : 'fallback',
      sites: { all: sites?.matches.includes('*://*/*') ?? false, origins: sites?.matches ?? [] },
    };
  };
  return {
    'links.state': state,
    'links.addMirror': async (input) => {
      const added = await links.serial(async () => addUserMirror(await db(), input));
      if (typeof added === 'string') throw new SortieError(`error.links.${added}`, input.origin);
      await links.refresh();
      return state();
    },
    'links.removeMirror': async ({ id }) => {
      const removed = await links.serial(async () => removeUserMirror(await db(), id));
      if (!removed) throw new SortieError('error.links.unknownMirror', id);
      const settings = await getSettings(await db());
      if (settings.links.pinnedMirror === id) await updateSettings(await db(), { links: { pinnedMirror: null } });
      await links.refresh();
      return state();
    },
    'links.setMirrorEnabled': async ({ id, enabled }) => {
      const found = await links.serial(async () => setMirrorDisabled(await db(), id, !enabled));
      if (!found) throw new SortieError('error.links.unknownMirror', id);
      await links.refresh();
      return state();
    },
    'links.checkMirrors': async () => {
      await links.checkNow();
      return state();
    },
    'links.refresh': async () => {
      await links.refresh();
      return state();
    },
    'links.retry': async ({ url }) => ({ url: await links.retry(requireXUrl(url)) }),
    'links.allowOnce': async ({ url }) => {
      await links.allowOnce(requireXUrl(url));
      return null;
    },
    'links.mirrorFailed': async ({ url, reason, detail }, ctx) => {
      await links.mirrorFailed(ctx.tabId, url, { state: 'down', reason, detail });
      return null;
    },
  };
}
