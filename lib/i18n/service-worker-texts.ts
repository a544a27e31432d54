/** Translation for the service worker: only its own few texts (see service-worker-en.ts). */
import { fillPlaceholders, type Lang } from './lang.ts';
import { serviceWorkerEn, type ServiceWorkerTextKey } from './service-worker-en.ts';
import { serviceWorkerFr } from './service-worker-fr.ts';

export type { ServiceWorkerTextKey };

const dictionaries: Record<Lang, Record<ServiceWorkerTextKey, string>> = { en: serviceWorkerEn, fr: serviceWorkerFr };

export function translateForServiceWorker(
  lang: Lang,
  key: ServiceWorkerTextKey,
  params: Record<string, string | number> = {},
): string {
  return fillPlaceholders(dictionaries[lang][key], params);
}
