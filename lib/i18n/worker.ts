/** Translation for the service worker: only its own few texts (see worker-en.ts). */
import { fillPlaceholders, type Lang } from './lang.ts';
import { workerEn, type WorkerKey } from './worker-en.ts';
import { workerFr } from './worker-fr.ts';

export type { WorkerKey };

const dictionaries: Record<Lang, Record<WorkerKey, string>> = { en: workerEn, fr: workerFr };

export function translateWorker(lang: Lang, key: WorkerKey, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(dictionaries[lang][key], params);
}
