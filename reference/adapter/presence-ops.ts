// Adapter ops of the presence profile (spec/08-presence.md, "Adapter ops"): a stateless
// `presence.scenario` that runs a whole script on a fresh machine, and session ops
// (`presence.open`, `presence.step`, `presence.close`) for step-by-step model-based runs.
// `makePresenceOps` takes the role factories so a deliberately broken coordinator can reuse
// every line here except the one rule it breaks.
import type { JsonObject } from '../encoding/json.ts';
import { int, obj, str } from './input.ts';
import type { OpHandler, OpOutcome } from './outcome.ts';
import { parseEvent, parseRole, parseSteps } from '../presence/json.ts';
import type { PresenceMachine } from '../presence/machine.ts';
import { REFERENCE_FACTORIES, type RoleFactories } from '../presence/room.ts';
import { runScript, startMachine } from '../presence/session.ts';

/** Open sessions an adapter keeps at once; a harness that leaks them gets a typed error. */
export const MAX_SESSIONS = 1024;

const err = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

export function makePresenceOps(factories: RoleFactories = REFERENCE_FACTORIES): Record<string, OpHandler> {
  const sessions = new Map<string, { machine: PresenceMachine; at: number }>();
  let serial = 0;
  const wakeOf = (m: PresenceMachine): JsonObject => ({ wake: m.wake() });

  return {
    'presence.scenario': (i) => {
      const role = parseRole(i.role);
      const start = int(i, 'start');
      const steps = parseSteps(i.steps, start); // whole script checked before anything runs
      const started = startMachine(role, i.config, start, factories);
      if (!started.ok) return err(started.error.code, started.error.message);
      return { ok: true, output: { outputs: runScript(started.value, start, steps) } };
    },
    'presence.open': (i) => {
      const role = parseRole(i.role);
      const start = int(i, 'start');
      if (sessions.size >= MAX_SESSIONS) return err('presence.too-many-sessions', `at most ${MAX_SESSIONS} sessions may be open`);
      const started = startMachine(role, i.config, start, factories);
      if (!started.ok) return err(started.error.code, started.error.message);
      const session = `s${++serial}`;
      sessions.set(session, { machine: started.value.machine, at: start });
      return { ok: true, output: { session, outputs: started.value.initial, ...wakeOf(started.value.machine) } };
    },
    'presence.step': (i) => {
      const id = str(i, 'session');
      const at = int(i, 'at');
      const event = parseEvent(i.event);
      const s = sessions.get(id);
      if (!s) return err('presence.unknown-session', `no open session ${JSON.stringify(id)}`);
      if (at < s.at) return err('presence.time-backwards', `at ${at} is before the session's last step ${s.at}`);
      s.at = at;
      const outputs = s.machine.step(at, event);
      return { ok: true, output: { outputs, ...wakeOf(s.machine) } };
    },
    'presence.close': (i) => {
      const id = str(obj(i), 'session');
      if (!sessions.delete(id)) return err('presence.unknown-session', `no open session ${JSON.stringify(id)}`);
      return { ok: true, output: {} };
    },
  };
}

export const PRESENCE_OPS: Record<string, OpHandler> = makePresenceOps();
