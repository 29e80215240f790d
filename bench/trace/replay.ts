// Replaying a presence trace (bench/trace/README.md) on a coordinator machine, by the replay
// rule: feed every line in order at its `at`; answer each `request` output at once, at the same
// `at`, with a `result` (a fingerprint from the header, or "ok" for a verification).
import type { JsonObject } from '../../reference/encoding/json.ts';
import { parseEvent } from '../../reference/presence/json.ts';
import type { Output, PresenceEvent, PresenceMachine } from '../../reference/presence/machine.ts';
import type { Trace, TraceKind } from './presence-trace.ts';

/** A trace with its events parsed once, so a timed replay measures the machine and nothing else. */
export interface PreparedTrace {
  trace: Trace;
  steps: { at: number; kind: TraceKind; event: PresenceEvent }[];
}

export function prepare(trace: Trace): PreparedTrace {
  return { trace, steps: trace.lines.map((l) => ({ at: l.at, kind: l.kind, event: parseEvent(l.event) })) };
}

/** Called with every output batch and the line it belongs to; results count as their line's. */
export type Observer = (kind: TraceKind, outs: Output[], at: number, line: PreparedTrace['steps'][number]) => void;

/** Replays the whole trace; returns how many events the machine was fed (results included). */
export function replay(p: PreparedTrace, machine: PresenceMachine, observe?: Observer): number {
  const { fingerprints, defaultFingerprint } = p.trace.header;
  let events = 0;
  const requests: JsonObject[] = [];
  for (const s of p.steps) {
    let outs = machine.step(s.at, s.event);
    events++;
    for (;;) {
      observe?.(s.kind, outs, s.at, s);
      for (const o of outs) if (o.type === 'request') requests.push(o);
      const req = requests.shift();
      if (!req) break;
      const value = req.kind === 'fingerprint' ? (fingerprints[req.conn as string] ?? defaultFingerprint) : 'ok';
      outs = machine.step(s.at, { type: 'result', id: req.id as number, value });
      events++;
    }
  }
  return events;
}

/** Bytes on the wire for a batch: each `send` costs its frame's JSON (UTF-8) once per recipient. */
export function wireBytes(outs: Output[], sizeOf: (msg: JsonObject) => number): number {
  let n = 0;
  for (const o of outs) if (o.type === 'send') n += sizeOf(o.msg as JsonObject) * (o.to as string[]).length;
  return n;
}

/** JSON size of a frame, memoised per object (the current coordinator shares frames between sends). */
export function frameSizer(): (msg: JsonObject) => number {
  const memo = new WeakMap<object, number>();
  return (msg) => {
    let n = memo.get(msg);
    if (n === undefined) {
      n = Buffer.byteLength(JSON.stringify(msg));
      memo.set(msg, n);
    }
    return n;
  };
}
