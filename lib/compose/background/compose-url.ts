/** The compose tab's URL for text handed over by a page, a share intent or a context menu. */
export function composeUrl(base: string, handoff: { text?: string; url?: string }): string {
  const url = new URL(base);
  if (handoff.text) url.searchParams.set('text', handoff.text);
  if (handoff.url) url.searchParams.set('url', handoff.url);
  return url.toString();
}
