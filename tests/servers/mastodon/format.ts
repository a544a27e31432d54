import { findAccountByAcct, type Core } from './core';
import { extractMentions, extractUrls, type Entity } from './counting';
import { escapeHtml } from './http';
import type { AccountRecord } from './types';

// Mastodon's TextFormatter for statuses typed as plain text: links, mentions of
// accounts the server knows and hashtags become anchors, newlines become
// paragraphs and line breaks.

export interface RenderedStatus {
  html: string;
  mentions: AccountRecord[];
  tags: string[];
}

type FormatEntity = Entity | { kind: 'hashtag'; start: number; end: number; value: string };

const HASHTAG_RE = /(?<![=/)\p{L}\p{N}_])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu;

function extractHashtags(text: string): FormatEntity[] {
  return [...text.matchAll(HASHTAG_RE)].map((m) => ({
    kind: 'hashtag' as const,
    start: m.index,
    end: m.index + m[0].length,
    value: m[1] ?? '',
  }));
}

function entitiesOf(text: string): FormatEntity[] {
  const sorted = [...extractUrls(text), ...extractHashtags(text), ...extractMentions(text)].sort(
    (a, b) => a.start - b.start,
  );
  const kept: FormatEntity[] = [];
  for (const entity of sorted) {
    const previous = kept[kept.length - 1];
    if (!previous || previous.end <= entity.start) kept.push(entity);
  }
  return kept;
}

function link(url: string): string {
  const prefix = /^(https?:\/\/(www\.)?|xmpp:)/.exec(url)?.[0] ?? '';
  const rest = url.slice(prefix.length);
  const display = rest.slice(0, 30);
  const suffix = rest.slice(30);
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${rest.length > 30 ? 'ellipsis' : ''}">${escapeHtml(display)}</span>` +
    `<span class="invisible">${escapeHtml(suffix)}</span></a>`
  );
}

function paragraphs(html: string): string {
  const normalised = html.replace(/\r\n?/g, '\n').trim();
  return normalised
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`)
    .join('');
}

export function renderStatus(core: Core, text: string): RenderedStatus {
  if (text.trim() === '') return { html: '', mentions: [], tags: [] };
  const mentions: AccountRecord[] = [];
  const tags: string[] = [];
  let html = '';
  let index = 0;
  for (const entity of entitiesOf(text)) {
    const source = text.slice(entity.start, entity.end);
    html += escapeHtml(text.slice(index, entity.start));
    index = entity.end;
    if (entity.kind === 'url') {
      html += link(entity.value);
    } else if (entity.kind === 'hashtag') {
      const name = entity.value.toLowerCase();
      if (!tags.includes(name)) tags.push(name);
      html += `<a href="${escapeHtml(`${core.baseUrl}/tags/${encodeURIComponent(name)}`)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(entity.value)}</span></a>`;
    } else {
      const account = findAccountByAcct(core, entity.value);
      if (!account || !account.fetched) {
        // Mastodon leaves mentions of accounts it cannot resolve as plain text.
        html += escapeHtml(source);
        continue;
      }
      if (!mentions.includes(account)) mentions.push(account);
      html += `<span class="h-card" translate="no"><a href="${escapeHtml(account.url)}" class="u-url mention">@<span>${escapeHtml(account.username)}</span></a></span>`;
    }
  }
  html += escapeHtml(text.slice(index));
  return { html: paragraphs(html), mentions, tags };
}
