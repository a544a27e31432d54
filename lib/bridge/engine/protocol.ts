/** The follow bridge's operations on the engine's channel (assembled in lib/engine/protocol.ts). */
import { none, op } from '../../messaging/spec.ts';
import type { PlannedFollow } from '../../model/bridge.ts';
import type * as v from '../../validate.ts';
import { followTargetsSchema, matchArgsSchema } from '../messages.ts';
import type { MatchArgs } from './runner.ts';

const matchArgs: v.Schema<MatchArgs> = matchArgsSchema;
const followTargets: v.Schema<{ targets: PlannedFollow[] }> = followTargetsSchema;

export const BRIDGE_ENGINE_MESSAGES = {
  /** Look the collected X accounts up (answers at once; progress goes to IndexedDB and 'bridge.changed'). */
  'bridge.match': op<{ started: boolean }>()(matchArgs),
  /** Follow these matches (same progress path). */
  'bridge.follow': op<{ started: boolean }>()(followTargets),
  'bridge.stop': op<null>()(none),
};
