/** The engine's follow-bridge operations: start a lookup or a follow run, stop it. */
import type { EngineHandlers } from '../../messaging/engine-client.ts';
import type { BridgeService } from './runner.ts';

export function createBridgeEngineHandlers(
  bridge: BridgeService,
): Pick<EngineHandlers, 'bridge.match' | 'bridge.follow' | 'bridge.stop'> {
  return {
    'bridge.match': (args) => bridge.startMatch(args),
    'bridge.follow': ({ targets }) => bridge.startFollow(targets),
    'bridge.stop': async () => {
      bridge.stop();
      return null;
    },
  };
}
