/**
 * What Sortie keeps in the browser outside IndexedDB: alarms, storage.local
 * (the page configuration for content scripts, the current mirror),
 * storage.session, and the declarativeNetRequest rules that send X links to
 * mirrors. Wiping clears all of it; the background writes it again from the
 * (default) settings on its next start, as after an install.
 */
import { browser } from 'wxt/browser';

interface RuleApi {
  getDynamicRules(): Promise<{ id: number }[]>;
  updateDynamicRules(options: { removeRuleIds: number[] }): Promise<void>;
  getSessionRules?(): Promise<{ id: number }[]>;
  updateSessionRules?(options: { removeRuleIds: number[] }): Promise<void>;
}

export interface BrowserStateApi {
  alarms: { clearAll(): Promise<boolean> };
  storage: { local: { clear(): Promise<void> }; session?: { clear(): Promise<void> } };
  declarativeNetRequest?: RuleApi;
}

export async function clearBrowserState(api: BrowserStateApi = browser as unknown as BrowserStateApi): Promise<void> {
  await api.alarms.clearAll();
  await api.storage.local.clear();
  await api.storage.session?.clear();
  const dnr = api.declarativeNetRequest;
  if (dnr) {
    const dynamic = await dnr.getDynamicRules();
    if (dynamic.length > 0) await dnr.updateDynamicRules({ removeRuleIds: dynamic.map((r) => r.id) });
    if (dnr.getSessionRules && dnr.updateSessionRules) {
      const session = await dnr.getSessionRules();
      if (session.length > 0) await dnr.updateSessionRules({ removeRuleIds: session.map((r) => r.id) });
    }
  }
}
