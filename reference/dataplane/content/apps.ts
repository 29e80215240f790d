// Application content: app, pay, ink, schema, widget, wevt (spec/14-data-plane.md 14.7.3 to
// 14.7.6). The engine bounds these and attributes them to the sender; their meaning is the app's.
import { isJsonObject, type JsonObject, type JsonValue } from '../../encoding/json.ts';
import { fail, ok, type Result } from '../../result.ts';
import {
  ID_MAX, INK_COLOR_MAX, INK_NAME_MAX, PAY_LABEL_MAX, PAY_URL_MAX, PAYLOAD_JSON_MAX, SCHEMA_CAP, SCHEMA_NAME_MAX,
  SCHEMA_PER_PEER, SCHEMA_VERSION_MAX, WIDGET_EVENTS_CAP, WIDGET_KIND_MAX,
} from '../constants.ts';
import { cut, cutTrim, isNumber, jsonLength, trim } from '../text.ts';
import { displayAuthor } from './author.ts';
import { senderName, type ReceiverState } from './state.ts';

type Frame = Record<string, JsonValue>;

/** An absent payload is delivered as null; a payload whose JSON text is too long drops [CONT-17]. */
function payload(v: JsonValue | undefined, what: string): Result<JsonValue> {
  if (v === undefined || v === null) return ok(null);
  if (jsonLength(v) > PAYLOAD_JSON_MAX) return fail('cont.too-large', `${what} is longer than ${PAYLOAD_JSON_MAX} characters of JSON`);
  return ok(v);
}

/** app [CONT-17]: opaque data, bounded. */
export function receiveApp(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const data = payload(f.data, 'data');
  return data.ok ? ok({ k: 'app', sender, data: data.value }) : data;
}

/** pay [CONT-18]. */
export function receivePay(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const url = cutTrim(typeof f.url === 'string' ? f.url : '', PAY_URL_MAX);
  if (url === '') return fail('cont.empty', 'the pay url is empty');
  const label = cutTrim(typeof f.label === 'string' ? f.label : '', PAY_LABEL_MAX);
  return ok({ k: 'pay', sender, name: senderName(s, sender), url, ...(label !== '' ? { label } : {}), dm: f.dm === true });
}

const clamp = (x: number): number => Math.min(1, Math.max(0, x));
const point = (v: JsonValue | undefined): { x: number; y: number } | null =>
  isJsonObject(v) && isNumber(v.x) && isNumber(v.y) ? { x: clamp(v.x), y: clamp(v.y) } : null;

/** The four ink events with their coordinates clamped into [0, 1]; anything else is null [CONT-20]. */
function inkEvent(e: JsonObject): JsonObject | null {
  switch (e.k) {
    case 'ptr': {
      const p = point(e);
      return p && { k: 'ptr', ...p };
    }
    case 'draw': {
      const p = point(e);
      if (!p || !isNumber(e.sid)) return null;
      if (e.start !== undefined && e.start !== null && typeof e.start !== 'boolean') return null;
      if (e.color !== undefined && e.color !== null && typeof e.color !== 'string') return null;
      return { k: 'draw', sid: e.sid, ...p, ...(typeof e.start === 'boolean' ? { start: e.start } : {}), ...(typeof e.color === 'string' && e.color !== '' ? { color: cut(e.color, INK_COLOR_MAX) } : {}) };
    }
    case 'clear':
      return { k: 'clear' };
    case 'restore': {
      if (typeof e.image !== 'string' || !Array.isArray(e.strokes)) return null;
      const strokes: JsonObject[] = [];
      for (const st of e.strokes) {
        if (!isJsonObject(st) || typeof st.color !== 'string' || !Array.isArray(st.pts)) return null;
        const pts: JsonObject[] = [];
        for (const pt of st.pts) {
          const p = point(pt);
          if (!p) return null;
          pts.push(p);
        }
        strokes.push({ color: cut(st.color, INK_COLOR_MAX), pts });
      }
      return { k: 'restore', image: e.image, strokes };
    }
    default:
      return null;
  }
}

/** ink [CONT-19], [CONT-20]: the sender's own name and colour are preferred, bounded. */
export function receiveInk(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  if (!isJsonObject(f.e)) return fail('cont.empty', 'no ink event');
  if (jsonLength(f.e) > PAYLOAD_JSON_MAX) return fail('cont.too-large', `the ink event is longer than ${PAYLOAD_JSON_MAX} characters of JSON`);
  const e = inkEvent(f.e);
  if (!e) return fail('cont.bad-field', 'e is not a ptr, draw, clear or restore event with numeric coordinates');
  const name = typeof f.n === 'string' && trim(f.n) !== '' ? cutTrim(f.n, INK_NAME_MAX) : senderName(s, sender);
  return ok({ k: 'ink', sender, name, e, ...(typeof f.c === 'string' && f.c !== '' ? { color: cut(f.c, INK_COLOR_MAX) } : {}) });
}

/** schema [CONT-21], [CONT-22]: discovery with a per-peer and a total bound. */
export function receiveSchema(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const name = cutTrim(typeof f.name === 'string' ? f.name : '', SCHEMA_NAME_MAX);
  if (name === '') return fail('cont.empty', 'the schema name is empty');
  const doc = payload(f.schema, 'schema');
  if (!doc.ok) return doc;
  const known = s.schemas.some((x) => x.from === sender && x.name === name);
  if (!known && s.schemas.filter((x) => x.from === sender).length >= SCHEMA_PER_PEER) {
    return fail('cont.limit', `${sender} already has ${SCHEMA_PER_PEER} schemas`);
  }
  let evicts: JsonObject | undefined;
  if (!known) {
    s.schemas.push({ from: sender, name });
    if (s.schemas.length > SCHEMA_CAP) {
      const oldest = s.schemas.shift()!;
      evicts = { from: oldest.from, name: oldest.name };
    }
  }
  const version = typeof f.version === 'string' ? cut(f.version, SCHEMA_VERSION_MAX) : '';
  return ok({ k: 'schema', sender, name, version, schema: doc.value, ...(evicts ? { evicts } : {}) });
}

/** widget [CONT-23], [CONT-24]: an instance, or its retraction. */
export function receiveWidget(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const id = typeof f.id === 'string' ? cut(f.id, ID_MAX) : '';
  if (id === '') return fail('cont.empty', 'the widget id is empty');
  if (f.removed === true) {
    const owner = s.widgets.get(id);
    if (owner !== undefined && owner !== sender) return fail('cont.not-owner', `widget ${id} was posted by ${owner}`);
    s.widgets.delete(id);
    return ok({ k: 'widget', sender, id, removed: true });
  }
  const kind = cutTrim(typeof f.kind === 'string' ? f.kind : '', WIDGET_KIND_MAX);
  if (kind === '') return fail('cont.empty', 'the widget kind is empty');
  const data = payload(f.data, 'data');
  if (!data.ok) return data;
  const replay = Array.isArray(f.replay) && jsonLength(f.replay) <= PAYLOAD_JSON_MAX ? f.replay.slice(0, WIDGET_EVENTS_CAP) : undefined;
  const { author, name } = displayAuthor(s, sender, f.from, f.name);
  s.widgets.set(id, author);
  return ok({ k: 'widget', sender, id, removed: false, kind, data: data.value, ...(replay ? { replay } : {}), author, name, ...(isNumber(f.ts) ? { ts: f.ts } : {}) });
}

/** wevt [CONT-25]. */
export function receiveWevt(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const id = typeof f.id === 'string' ? cut(f.id, ID_MAX) : '';
  if (id === '') return fail('cont.empty', 'the widget id is empty');
  const e = payload(f.e, 'e');
  return e.ok ? ok({ k: 'wevt', sender, id, e: e.value }) : e;
}
