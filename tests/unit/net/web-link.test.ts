import { describe, expect, it } from 'vitest';
import { webLink } from '../../../lib/web-link.ts';

describe('webLink: what a server-given address may become as href/src', () => {
  it.each([
    ['https://mastodon.example/@me/1', 'https://mastodon.example/@me/1'],
    ['http://example.com', 'http://example.com/'],
    ['  https://bsky.app/profile/a  ', 'https://bsky.app/profile/a'],
    ['HTTPS://EXAMPLE.com/A', 'https://example.com/A'],
    ['javascript:alert(document.cookie)', undefined],
    ['JavaScript:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['blob:https://example.com/x', undefined],
    ['chrome-extension://abc/options.html', undefined],
    ['/options.html', undefined],
    ['//evil.example/', undefined],
    ['', undefined],
    [null, undefined],
    [42, undefined],
    [{ toString: () => 'https://example.com' }, undefined],
  ] as [unknown, string | undefined][])('%s → %s', (value, expected) => {
    expect(webLink(value)).toBe(expected);
  });
});
