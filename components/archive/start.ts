/**
 * Handing a chosen import to the running half. Until the background has an
 * `archive.start` message, the page says honestly that starting is not
 * available yet.
 */
import type { StartRequest, StartResult } from './ArchiveImport.tsx';

export async function startArchiveImport(_request: StartRequest): Promise<StartResult> {
  return { ok: false, reason: 'unavailable' };
}
