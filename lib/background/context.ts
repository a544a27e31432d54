/**
 * What the background hands its features' handlers: the database, the engine
 * (lib/engine/host.ts, injected so no feature imports it), the links feature's
 * control, and the refresh to run after settings change.
 */
import type { Db } from '../db.ts';
import type { LinksControl } from '../links/background/control.ts';
import type { EngineClient } from '../messaging/engine-client.ts';

export interface BackgroundContext {
  db: () => Promise<Db>;
  engine: EngineClient;
  /** Called after settings change, to retarget rules and page config. */
  onSettingsChanged: () => Promise<void>;
  /** The links feature (mirrors, rules, page scripts). */
  links: LinksControl;
}
