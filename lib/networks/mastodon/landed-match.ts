/**
 * Is this status the one an earlier attempt at a part created? Sortie puts
 * nothing invisible in a post to recognise it later, so a status counts as
 * that attempt's when everything the attempt fixed agrees: made by the same
 * app (when the server says), created no earlier than the attempt began
 * (minus clock skew), the same reply target, visibility, content warning,
 * number of images and poll, and the same text once the server's rendering
 * is undone. The one thing this cannot tell apart is the same person posting
 * the very same words the same way from the same app since: adopting that
 * post instead of making a second one is the lesser harm.
 *
 * Pure: lib/networks/mastodon/engine/landed.ts fetches what this reads.
 */

/** How far the server's clock may be behind the browser's. */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** What the attempt sent that its status must show. */
export interface AttemptShape {
  text: string;
  spoilerText: string;
  visibility: string;
  inReplyToId: string | null;
  mediaCount: number;
  poll: boolean;
  /** The attempt began then (epoch ms, browser clock). */
  since: number;
  /** The server schedule asked for (ISO), if any. */
  scheduledAt: string | null;
}

/** The fields of a Status (as masto returns it) this reads. */
export interface SeenStatus {
  id: string;
  createdAt: string;
  content: string;
  spoilerText: string;
  visibility: string;
  inReplyToId?: string | null;
  mediaAttachments: readonly unknown[];
  poll?: unknown;
  reblog?: unknown;
  application?: { name?: string } | null;
}

/** The fields of a ScheduledStatus this reads. */
export interface SeenScheduled {
  id: string;
  scheduledAt: string;
  params: {
    text?: string | null;
    spoilerText?: string | null;
    visibility?: string | null;
    inReplyToId?: string | null;
    mediaIds?: readonly string[] | null;
    poll?: unknown;
  };
  mediaAttachments?: readonly unknown[];
}

/** The earliest creation time a status of this attempt can show on the server's clock. */
export function notBefore(shape: Pick<AttemptShape, 'since'>): number {
  return shape.since - CLOCK_SKEW_MS;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A status's HTML back to text: line breaks and paragraphs kept, tags dropped, entities decoded. */
export function plainTextOf(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/**
 * Text as compared: servers show `@user@their.host` as `@user`, reflow
 * whitespace, and some render Markdown; case and spacing are not evidence.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/@([\p{L}\p{N}_.-]+)@[\p{L}\p{N}.-]+(?::\d+)?/gu, '@$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...text];
  for (let i = 0; i < chars.length - 1; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice over character pairs, 0..1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const [pair, n] of y) {
    total += n;
    shared += Math.min(n, x.get(pair) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Short texts must agree exactly (one word changes a lot); long ones may differ by the server's rendering (Markdown, links). */
const LONG_TEXT = 40;
const LONG_TEXT_SIMILARITY = 0.9;

export function sameText(sent: string, shown: string): boolean {
  const a = comparableText(sent);
  const b = comparableText(shown);
  if (a === b) return true;
  return Math.min(a.length, b.length) >= LONG_TEXT && similarity(a, b) >= LONG_TEXT_SIMILARITY;
}

/** `appName`: the app the account's token belongs to, when the server said. */
export function statusMatches(status: SeenStatus, shape: AttemptShape, appName: string | null): boolean {
  if (status.reblog) return false;
  const created = Date.parse(status.createdAt);
  if (!Number.isFinite(created) || created < notBefore(shape)) return false;
  const app = status.application?.name;
  if (appName && app && app !== appName) return false;
  return (
    (status.inReplyToId ?? null) === shape.inReplyToId &&
    status.visibility === shape.visibility &&
    (status.spoilerText ?? '').trim() === shape.spoilerText.trim() &&
    status.mediaAttachments.length === shape.mediaCount &&
    Boolean(status.poll) === shape.poll &&
    sameText(shape.text, plainTextOf(status.content))
  );
}

/** A scheduled status keeps the request's own words, so its text must be the same exactly. */
export function scheduledMatches(scheduled: SeenScheduled, shape: AttemptShape): boolean {
  if (!shape.scheduledAt) return false;
  const p = scheduled.params;
  const media = p.mediaIds?.length ?? scheduled.mediaAttachments?.length ?? 0;
  return (
    Math.abs(Date.parse(scheduled.scheduledAt) - Date.parse(shape.scheduledAt)) < 1_000 &&
    (p.text ?? '') === shape.text &&
    (p.inReplyToId ?? null) === shape.inReplyToId &&
    (p.visibility == null || p.visibility === shape.visibility) &&
    (p.spoilerText ?? '').trim() === shape.spoilerText.trim() &&
    media === shape.mediaCount &&
    Boolean(p.poll) === shape.poll
  );
}
