import type { MessageKey } from '../../lib/i18n/index.ts';

/** A duration in hours as people say it: under an hour, hours up to two days, then days. */
export function formatDuration(
  hours: number,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (hours < 1) return t('archive.time.underHour');
  if (hours < 48) return t('archive.time.hours', { n: Math.ceil(hours) });
  return t('archive.time.days', { n: Math.ceil(hours / 24) });
}
