/** The posting engine's page. Wiring only: lib/engine/start.ts does the work. */
import { startEngine } from '../../lib/engine/start.ts';

startEngine();
