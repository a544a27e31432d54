/**
 * "Share this page / selection / link / image with Sortie" in the context
 * menu. Each item opens the compose tab with the text and address; an image
 * goes as `?image=URL`, which the compose page fetches and attaches (its
 * address goes in the text when it cannot be read). Blob and file images
 * cannot be read from the compose page, so those share their page instead.
 */
import type { Lang } from '../../i18n/lang.ts';
import { translateForServiceWorker, type ServiceWorkerTextKey } from '../../i18n/service-worker-texts.ts';
import { composeUrl } from './compose-url.ts';

type Context = 'page' | 'selection' | 'link' | 'image';

const ITEMS: readonly { id: string; context: Context; title: ServiceWorkerTextKey }[] = [
  { id: 'sortie-share-page', context: 'page', title: 'menu.sharePage' },
  { id: 'sortie-share-selection', context: 'selection', title: 'menu.shareSelection' },
  { id: 'sortie-share-link', context: 'link', title: 'menu.shareLink' },
  { id: 'sortie-share-image', context: 'image', title: 'menu.shareImage' },
];

/** The part of browser.contextMenus (Firefox: menus) used here. */
export interface MenusApi {
  create(properties: { id: string; title: string; contexts: [Context]; documentUrlPatterns: string[] }): unknown;
  update(id: string, properties: { title: string }): Promise<void> | void;
  removeAll(): Promise<void> | void;
}

/** Web pages only: Sortie's own pages have their own buttons. */
const WEB_PAGES = ['http://*/*', 'https://*/*'];

/** Called from runtime.onInstalled (menus persist across restarts of the worker and the browser). */
export async function installContextMenus(menus: MenusApi, lang: Lang): Promise<void> {
  await menus.removeAll();
  for (const item of ITEMS) {
    menus.create({
      id: item.id,
      title: translateForServiceWorker(lang, item.title),
      contexts: [item.context],
      documentUrlPatterns: WEB_PAGES,
    });
  }
}

/** The user switched Sortie's language. */
export async function retitleContextMenus(menus: MenusApi, lang: Lang): Promise<void> {
  for (const item of ITEMS) await menus.update(item.id, { title: translateForServiceWorker(lang, item.title) });
}

export interface MenuClick {
  menuItemId: string | number;
  pageUrl?: string;
  selectionText?: string;
  linkUrl?: string;
  /** Firefox only. */
  linkText?: string;
  srcUrl?: string;
}

export interface MenuHandoff {
  text?: string;
  url?: string;
  image?: string;
}

const web = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** What a click hands the composer, or null for an item that is not Sortie's. */
export function handoffForClick(info: MenuClick, tab: { title?: string } | undefined): MenuHandoff | null {
  const page = web(info.pageUrl);
  switch (info.menuItemId) {
    case 'sortie-share-page':
      return { text: tab?.title?.trim() || undefined, url: page };
    case 'sortie-share-selection':
      return { text: info.selectionText?.trim() || undefined, url: page };
    case 'sortie-share-link':
      return { text: info.linkText?.trim() || undefined, url: web(info.linkUrl) };
    case 'sortie-share-image': {
      const src = info.srcUrl ?? '';
      const readable = /^https?:\/\//i.test(src) || /^data:image\//i.test(src);
      return readable ? { url: page, image: src } : { text: tab?.title?.trim() || undefined, url: page };
    }
    default:
      return null;
  }
}

export function composeUrlForMenu(base: string, handoff: MenuHandoff): string {
  const url = new URL(composeUrl(base, handoff));
  if (handoff.image) url.searchParams.set('image', handoff.image);
  return url.toString();
}
