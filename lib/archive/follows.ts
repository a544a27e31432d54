/**
 * Reading an X account's public profile from a Nitter page, for the X
 * follows an archive lists by id only (`following.js`). Nitter answers
 * `/i/user/<id>` with a redirect to `/<handle>`, whose page has the profile
 * card. The server is hostile: only what the card's known places hold is
 * taken, each field checked and cut to what X itself allows.
 */
import { trimProfile } from '../bridge/collect-limits.ts';
import type { XProfile } from '../model/bridge.ts';

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/** The address that names an X account by id on a Nitter mirror. */
export function nitterUserUrl(mirrorOrigin: string, xId: string): string {
  if (!/^\d{1,25}$/.test(xId)) throw new RangeError(`not an X account id: ${xId}`);
  return `${mirrorOrigin}/i/user/${xId}`;
}

function text(doc: Document, selector: string): string {
  return (doc.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function httpLink(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The profile a Nitter page shows, or null when the page is not one (an
 * error page, a suspended account, anything else). `finalUrl` is where the
 * redirect led: its path names the handle when the card does not.
 */
export function parseNitterProfile(doc: Document, finalUrl: string): XProfile | null {
  const fromCard = text(doc, '.profile-card-username').replace(/^@/, '');
  let fromPath: string;
  try {
    fromPath = decodeURIComponent(new URL(finalUrl).pathname.split('/')[1] ?? '');
  } catch {
    fromPath = '';
  }
  const handle = HANDLE.test(fromCard) ? fromCard : HANDLE.test(fromPath) && fromPath !== 'i' ? fromPath : null;
  if (!handle || !doc.querySelector('.profile-card')) return null;
  const links = [...doc.querySelectorAll('.profile-bio a[href]')]
    .map((a) => httpLink(a.getAttribute('href')))
    .filter((l): l is string => l !== null);
  const website = httpLink(doc.querySelector('.profile-website a[href]')?.getAttribute('href'));
  return trimProfile({
    handle,
    displayName: text(doc, '.profile-card-fullname'),
    bio: text(doc, '.profile-bio'),
    links: [...new Set(links)],
    website,
  });
}
