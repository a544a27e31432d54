/** An error from the background as the user should read it. */
import { SortieError } from '../../lib/messaging/errors.ts';

export function userMessage(
  error: unknown,
  td: (key: string, params?: Record<string, string | number>) => string,
): string {
  if (error instanceof SortieError) return td(error.messageKey, { detail: error.detail });
  return td('error.generic', { detail: error instanceof Error ? error.message : String(error) });
}
