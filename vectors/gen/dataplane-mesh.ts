// Mesh pair vectors (spec/14-data-plane.md 14.2 to 14.5): one pair machine driven through roster,
// connection, frame, media and timer events, with every output checked.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import type { Case, FileSpec } from './lib.ts';
import { ADA, BOB, NOTES, type Flag } from './dataplane-lib.ts';

type Ev = JsonObject;
const T0 = 1767225600000;
const at = (ms: number, event: Ev) => ({ at: T0 + ms, event });

const present: Ev = { type: 'roster', present: true };
const absent: Ev = { type: 'roster', present: false };
const open = (channel: string): Ev => ({ type: 'open', channel });
const closed = (channel: string): Ev => ({ type: 'closed', channel });
const incoming = (label: string): Ev => ({ type: 'incoming', label });
const frame = (channel: string, msg: JsonValue): Ev => ({ type: 'frame', channel, msg });
const binFrame = (channel: string, hex: string): Ev => ({ type: 'frame', channel, hex });
const tick: Ev = { type: 'tick' };
const sendMsg = (msg: JsonValue): Ev => ({ type: 'local', op: 'send', msg });
const sendHex = (hex: string): Ev => ({ type: 'local', op: 'send', hex });
const leave: Ev = { type: 'local', op: 'close' };
const desc = (type: string, sdp = `v=0 ${type}`): Ev => ({ type: 'description', d: { type, sdp } });
const pcState = (state: string): Ev => ({ type: 'pc-state', state });
const stats = (v: number, a: number, ov: number, oa: number): Ev => ({ type: 'stats', v, a, ov, oa });

const CAP = { t: 'cap', bulk: 1 };
const CHAT = { k: 'chat', text: 'hello', mid: 'm#1', ts: 1 };
const mh = (v = 0, a = 0, ov = 0, oa = 0) => ({ t: 'mh', v, a, ov, oa });
const offer = (relay = false) => ({ t: 'm-sdp', d: { type: 'offer', sdp: 'v=0 remote-offer' }, relay });
const answer = (relay = false) => ({ t: 'm-sdp', d: { type: 'answer', sdp: 'v=0 remote-answer' }, relay });
const ice = (n: number) => ({ t: 'm-ice', c: { candidate: `candidate:${n} 1 udp 2122260223 127.0.0.1 ${50000 + n} typ host`, sdpMid: '0', sdpMLineIndex: 0 } });

interface O {
  self?: string;
  peer?: string;
  media?: boolean;
  rosterHold?: boolean;
  flags?: Flag[];
}

function pair(name: string, description: string, covers: string[], steps: { at: number; event: Ev }[], o: O = {}): Case {
  const config: JsonObject = { self: o.self ?? ADA, peer: o.peer ?? BOB };
  if (o.media !== undefined) config.media = o.media;
  if (o.rosterHold !== undefined) config.rosterHold = o.rosterHold;
  return { name, description, covers, op: 'meshpair.scenario', input: { config, start: T0, steps: steps as unknown as JsonValue[] }, flags: o.flags ?? [] };
}
/** The answerer side: BOB with ADA. */
const answerer = { self: BOB, peer: ADA };

/** Initiator ADA: BOB present, sig dialled and open, cap received, bulk dialled and open. */
const linked = (t = 0): { at: number; event: Ev }[] => [at(t + 1, present), at(t + 100, open('sig')), at(t + 110, frame('sig', CAP)), at(t + 200, open('bulk'))];
/** Initiator with media: sig open, media connection created and its offer answered, media flowing. */
const mediaUp = (): { at: number; event: Ev }[] => [
  at(1, present), at(100, open('sig')), at(105, desc('offer')), at(110, frame('sig', answer())), at(120, pcState('connected')),
];

export const dataplaneMeshVectors: FileSpec = {
  file: 'dataplanemesh',
  title: 'Data plane: the mesh pair (who dials, cap and bulk, queues, control frames, heartbeat, media over sig, drop grace and hold)',
  profile: 'dataplane',
  chapters: ['spec/14-data-plane.md', 'spec/11-data-connections.md', 'spec/07-messages.md'],
  notes: NOTES,
  groups: [
    {
      name: 'connections',
      description: 'Who dials, cap, bulk, content routing and queues [WIRE-04], [WIRE-05], [MESH-01]..[MESH-08]',
      cases: [
        pair('initiator-dials', 'The peer whose id sorts first dials sig when the other becomes present', ['MESH-01', 'WIRE-04', 'MESH-28'], [at(1, present)], { flags: ['dialler', 'upstream'] }),
        pair('answerer-waits', 'The other peer never dials', ['WIRE-04', 'MESH-01'], [at(1, present), at(5000, tick)], { ...answerer, flags: ['dialler'] }),
        pair('utf16-order', 'Ids compare by UTF-16 code units: "B" sorts before "a"', ['WIRE-04'], [at(1, present)], { self: 'B-media', peer: 'a-media', flags: ['dialler'] }),
        pair('utf16-order-digits', '"a10" sorts before "a9"', ['WIRE-04'], [at(1, present)], { self: 'a9', peer: 'a10', flags: ['dialler'] }),
        pair('dial-once', 'Presence reported again does not dial again', ['MESH-01'], [at(1, present), at(50, present), at(60, absent), at(70, present)], { flags: ['dialler'] }),
        pair('cap-on-open', 'When sig opens, each side sends cap', ['MESH-02', 'WIRE-05'], [at(1, present), at(100, open('sig'))], { flags: ['upstream'] }),
        pair('answerer-cap', 'The answerer sends cap on an inbound sig', ['MESH-02', 'WIRE-05', 'MSG-17'], [at(1, present), at(50, incoming('dc_3k9x')), at(100, open('sig'))], { ...answerer, flags: ['upstream'] }),
        pair('bulk-after-cap', 'The initiator dials bulk when cap arrives', ['MESH-03', 'WIRE-05'], [at(1, present), at(100, open('sig')), at(110, frame('sig', CAP))], { flags: ['upstream'] }),
        pair('bulk-once', 'A second cap does not dial bulk again', ['MESH-03'], [at(1, present), at(100, open('sig')), at(110, frame('sig', CAP)), at(120, frame('sig', CAP))]),
        pair('answerer-no-bulk', 'The answerer never dials bulk', ['MESH-03', 'WIRE-05'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', CAP))], { ...answerer, flags: ['dialler'] }),
        pair('bulk-label', 'An inbound connection labelled bulk is bulk: content on it is delivered', ['MSG-17', 'MESH-07'], [at(1, present), at(50, incoming('dc_1')), at(60, incoming('bulk')), at(100, open('sig')), at(150, open('bulk')), at(160, frame('bulk', CHAT))], answerer),
        pair('label-case', 'Only exactly "bulk" is bulk: "Bulk" is a second sig', ['MSG-17'], [at(1, present), at(60, incoming('Bulk')), at(100, open('sig'))], answerer),
        pair('content-on-bulk', 'Content goes on bulk once it exists', ['MESH-04'], [...linked(), at(300, sendMsg(CHAT))], { flags: ['upstream'] }),
        pair('content-queued-on-bulk', 'Content waits for a bulk connection that is still opening', ['MESH-04', 'MESH-05'], [at(1, present), at(100, open('sig')), at(110, frame('sig', CAP)), at(120, sendMsg(CHAT)), at(200, open('bulk'))]),
        pair('old-peer-sig', 'Without cap there is no bulk: content rides sig', ['MESH-04', 'WIRE-05'], [at(1, present), at(100, open('sig')), at(120, sendMsg(CHAT))], { flags: ['upstream'] }),
        pair('queue-before-open', 'Frames written before sig opens are written in order on open, before cap', ['MESH-05', 'MESH-02', 'MESH-29'], [at(1, present), at(10, sendMsg({ k: 'app', data: 1 })), at(11, sendMsg({ k: 'app', data: 2 })), at(100, open('sig'))]),
        pair('no-link', 'Content for a pair with no connection is dropped', ['MESH-04'], [at(10, sendMsg(CHAT))]),
        pair('queue-lost-on-close', 'A connection that closes before it opens loses its queue', ['MESH-05'], [at(1, present), at(10, sendMsg(CHAT)), at(50, closed('sig')), at(850, tick), at(900, open('sig'))]),
        pair('binary-on-bulk', 'Binary frames go on bulk and are delivered as binary', ['MESH-04', 'MESH-07'], [...linked(), at(300, sendHex('02783100000000ff')), at(310, binFrame('bulk', '027831010000000a'))]),
        pair('buffer-bound', 'A connection queues at most 256 frames', ['MESH-06'], [at(1, present), ...Array.from({ length: 257 }, (_, i) => at(10 + i, sendMsg({ k: 'app', data: i })))], { flags: ['hardening', 'boundary'] }),
        pair('redial-sig', 'A sig connection this side dialled is re-dialled 800 ms after it closes', ['MESH-08'], [at(1, present), at(100, open('sig')), at(1000, closed('sig')), at(1799, tick), at(1800, tick)], { flags: ['timer', 'boundary'] }),
        pair('redial-bulk', 'A bulk connection this side dialled is re-dialled too', ['MESH-08'], [...linked(), at(1000, closed('bulk')), at(1800, tick)], { flags: ['timer'] }),
        pair('redial-superseded', 'No re-dial when a new connection exists by then', ['MESH-08'], [at(1, present), at(100, open('sig')), at(1000, closed('sig')), at(1100, incoming('dc_9')), at(1800, tick)]),
        pair('answerer-no-redial', 'The answerer never re-dials', ['MESH-08'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(1000, closed('sig')), at(1800, tick)], { ...answerer, flags: ['dialler'] }),
      ],
    },
    {
      name: 'control',
      description: 'Control frames on sig and on bulk, bye, leaving, peers not in the roster [MESH-07], [MESH-09]..[MESH-11]',
      cases: [
        pair('content-on-sig', 'Content on sig is delivered (the fallback)', ['MESH-07'], [at(1, present), at(100, open('sig')), at(120, frame('sig', CHAT))], { flags: ['upstream'] }),
        pair('control-not-delivered', 'Control frames on sig are acted on, never delivered', ['MESH-07', 'MSG-34'], [at(1, present), at(100, open('sig')), at(120, frame('sig', mh(1, 2, 3, 4))), at(130, frame('sig', { t: 'm-dial' }))]),
        pair('control-on-bulk', 'A control frame on bulk is ignored', ['MESH-07', 'MSG-34'], [...linked(), at(300, frame('bulk', { t: 'bye' })), at(310, frame('bulk', CAP))]),
        pair('bad-control', 'A malformed control frame is dropped with its decoder code', ['MESH-07', 'MSG-35'], [at(1, present), at(100, open('sig')), at(120, frame('sig', { t: 'mh', v: '1', a: 0, ov: 0, oa: 0 })), at(130, frame('sig', { t: 'cap', bulk: 2 }))]),
        pair('unknown-t', 'A frame whose t is not a control kind is content', ['MESH-07', 'MSG-34'], [at(1, present), at(100, open('sig')), at(120, frame('sig', { t: 'ping' }))]),
        pair('bye', 'bye: the peer left; sig is closed and not re-dialled', ['MESH-10'], [at(1, present), at(100, open('sig')), at(500, frame('sig', { t: 'bye' })), at(1300, tick), at(2000, tick)], { flags: ['upstream'] }),
        pair('leave', 'Leaving sends bye on open sig connections and closes everything 250 ms later', ['MESH-11', 'MESH-29'], [...linked(), at(1000, leave), at(1249, tick), at(1250, tick)], { flags: ['upstream', 'timer'] }),
        pair('leave-before-open', 'Leaving before sig opens sends no bye', ['MESH-11'], [at(1, present), at(10, leave), at(260, tick)]),
        pair('leave-refuses', 'After leaving, an arriving connection is closed', ['MESH-11'], [at(1, present), at(10, leave), at(20, incoming('dc_7'))], answerer),
        pair('not-rostered', 'Frames from a peer never in the roster are dropped', ['MESH-09'], [at(50, incoming('dc_1')), at(100, open('sig')), at(120, frame('sig', CHAT))], { ...answerer, flags: ['hardening', 'attribution'] }),
        pair('not-rostered-closed', 'A connection from a peer never in the roster is closed after 7000 ms', ['MESH-09', 'MESH-25'], [at(50, incoming('dc_1')), at(100, open('sig')), at(7049, tick), at(7050, tick)], { ...answerer, flags: ['hardening', 'timer'] }),
        pair('rostered-late', 'A peer that becomes present in time is kept', ['MESH-09'], [at(50, incoming('dc_1')), at(100, open('sig')), at(3000, present), at(3010, frame('sig', CHAT)), at(7050, tick)], answerer),
        pair('grace-delivers', 'During the drop grace a peer\'s content is still delivered', ['MESH-09', 'MESH-25'], [...linked(), at(1000, absent), at(1500, frame('bulk', CHAT))]),
      ],
    },
    {
      name: 'heartbeat',
      description: 'Heartbeat, keepalive and watchdog [MESH-12]..[MESH-16]',
      cases: [
        pair('keepalive', 'Every 2000 ms an open sig without media gets the keepalive mh', ['MESH-15', 'MESH-12'], [at(1, present), at(100, open('sig')), at(1999, tick), at(2000, tick), at(4000, tick)], { flags: ['timer', 'upstream'] }),
        pair('late-tick', 'A tick that finds several heartbeats due runs one', ['MESH-12'], [at(1, present), at(100, open('sig')), at(5000, frame('sig', mh())), at(9000, tick), at(9999, tick), at(10000, tick)], { flags: ['timer'] }),
        pair('watchdog-never-open', 'A sig not open 8000 ms after dialling is dialled again', ['MESH-14'], [at(1, present), at(8000, tick), at(10000, tick)], { flags: ['timer', 'boundary'] }),
        pair('watchdog-silent', 'An open sig that received nothing for 8000 ms is dialled again', ['MESH-14'], [at(1, present), at(100, open('sig')), at(110, frame('sig', CAP)), at(8000, tick), at(8110, frame('sig', mh())), at(10000, tick), at(18110, tick), at(20000, tick)], { flags: ['timer'] }),
        pair('watchdog-bound', 'The watchdog acts at most 3 times', ['MESH-14'], [at(1, present), at(10000, tick), at(20000, tick), at(30000, tick), at(40000, tick), at(50000, tick)], { flags: ['boundary'] }),
        pair('watchdog-answerer', 'The answerer never dials: the watchdog closes nothing it did not dial', ['MESH-14'], [at(1, present), at(50, incoming('dc_1')), at(10000, tick)], answerer),
        pair('mh-heard', 'An mh records the peer as heard (it keeps the hold alive)', ['MESH-16', 'MESH-26'], [...mediaUp(), at(2000, tick), at(2010, stats(300, 30, 300, 30)), at(2020, frame('sig', mh(300, 30, 300, 30))), at(3000, absent), at(10000, tick)], { media: true, flags: ['timer'] }),
      ],
    },
    {
      name: 'media',
      description: 'Media over sig: roles, perfect negotiation, relay latch, recovery [MESH-13], [MESH-17]..[MESH-24]',
      cases: [
        pair('initiator-starts', 'When sig opens the initiator creates media and offers, before cap', ['MESH-13', 'MESH-17', 'MESH-02', 'MESH-29'], [at(1, present), at(100, open('sig')), at(105, desc('offer'))], { media: true, flags: ['media'] }),
        pair('no-media-peer', 'A peer without media never starts media and ignores offers', ['MESH-13'], [at(1, present), at(100, open('sig')), at(110, frame('sig', offer())), at(2000, tick)], { flags: ['media'] }),
        pair('answerer-answers', 'The answerer creates its connection on the first offer and answers', ['MESH-17', 'MESH-18', 'MESH-19'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer())), at(115, desc('answer'))], { ...answerer, media: true, flags: ['media'] }),
        pair('answerer-m-dial', 'The answerer asks for media with m-dial at each heartbeat', ['MESH-13'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(2000, tick)], { ...answerer, media: true, flags: ['media'] }),
        pair('m-dial-starts', 'm-dial makes the initiator start media', ['MESH-13'], [at(1, present), at(100, open('sig')), at(105, desc('offer')), at(110, frame('sig', answer())), at(120, frame('sig', { t: 'm-recreate', relay: false })), at(130, frame('sig', { t: 'm-dial' }))], { media: true, flags: ['media'] }),
        pair('glare-impolite', 'The initiator ignores an offer that collides with its own', ['MESH-18'], [at(1, present), at(100, open('sig')), at(110, frame('sig', offer()))], { media: true, flags: ['media'] }),
        pair('glare-polite', 'The answerer rolls back an outstanding offer and applies the new one', ['MESH-18', 'MESH-29'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer())), at(120, frame('sig', offer()))], { ...answerer, media: true, flags: ['media'] }),
        pair('ice-buffered', 'Candidates before the remote description wait, then apply in order', ['MESH-21', 'MESH-18', 'MESH-29'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer())), at(111, frame('sig', ice(1))), at(112, frame('sig', ice(2)))], { ...answerer, media: true, flags: ['media'] }),
        pair('ice-before-offer', 'Candidates before the answer are buffered by the initiator', ['MESH-21'], [at(1, present), at(100, open('sig')), at(105, desc('offer')), at(106, frame('sig', ice(1))), at(110, frame('sig', answer())), at(111, frame('sig', ice(2)))], { media: true, flags: ['media'] }),
        pair('ice-no-connection', 'A candidate with no media connection is ignored', ['MESH-21'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', ice(1)))], { ...answerer, media: true }),
        pair('answer-no-connection', 'An answer with no media connection is ignored', ['MESH-17'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', answer()))], { ...answerer, media: true }),
        pair('relay-latch', 'A relay offer latches relay: the answer says so, and so does every rebuild', ['MESH-20', 'MESH-19'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer(true))), at(115, desc('answer')), at(200, frame('sig', { t: 'm-recreate', relay: false })), at(210, frame('sig', offer(false)))], { ...answerer, media: true, flags: ['media'] }),
        pair('recreate-relay', 'm-recreate with relay closes the connection; the next offer builds it relay-only', ['MESH-22', 'MESH-20'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer())), at(200, frame('sig', { t: 'm-recreate', relay: true })), at(210, frame('sig', offer(true)))], { ...answerer, media: true, flags: ['media'] }),
        pair('offer-on-failed', 'An offer on a failed connection replaces it', ['MESH-22'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer())), at(115, desc('answer')), at(200, pcState('failed')), at(210, frame('sig', offer()))], { ...answerer, media: true, flags: ['media'] }),
        pair('ladder', 'No flow while the peer sends: ICE restart, then re-create, then relay, then nothing', ['MESH-23', 'MESH-24', 'MESH-29'], [
          ...mediaUp(), at(2000, tick), at(2001, frame('sig', mh(0, 0, 500, 40))), at(2002, stats(200, 30, 200, 30)),
          at(11003, stats(0, 0, 200, 30)), at(11004, desc('offer')), at(11005, frame('sig', answer())),
          at(20005, stats(0, 0, 200, 30)), at(20010, desc('offer')), at(20011, frame('sig', answer())),
          at(29011, stats(0, 0, 200, 30)), at(29020, desc('offer')), at(29021, frame('sig', answer(true))),
          at(38021, stats(0, 0, 200, 30)),
        ], { media: true, flags: ['media', 'timer'] }),
        pair('quiet-peer', 'A peer that sends nothing after media flowed is quiet, not cut off: no recovery', ['MESH-23'], [...mediaUp(), at(2000, tick), at(2001, stats(300, 30, 200, 30)), at(2002, frame('sig', mh(300, 30, 0, 0))), at(12000, stats(0, 0, 200, 30)), at(22000, stats(0, 0, 200, 30))], { media: true, flags: ['media'] }),
        pair('dead-from-birth', 'Connected but never carried media: straight to relay', ['MESH-23', 'MESH-24'], [...mediaUp(), at(9200, stats(0, 0, 100, 0))], { media: true, flags: ['media', 'timer'] }),
        pair('answerer-mh-dead', 'The answerer asks the initiator to recover with mh-dead', ['MESH-23'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(110, frame('sig', offer())), at(115, desc('answer')), at(116, pcState('connected')), at(117, frame('sig', mh(0, 0, 300, 20))), at(9200, stats(0, 0, 0, 0))], { ...answerer, media: true, flags: ['media'] }),
        pair('mh-dead-rung', 'mh-dead makes the initiator run a rung', ['MESH-24'], [...mediaUp(), at(200, frame('sig', { t: 'mh-dead' }))], { media: true, flags: ['media'] }),
        pair('rung-deferred', 'No rung while sig is not open', ['MESH-24'], [...mediaUp(), at(200, closed('sig')), at(210, frame('sig', { t: 'mh-dead' })), at(220, pcState('failed'))], { media: true, flags: ['media'] }),
        pair('failed-recovers', 'A failed media connection recovers at once', ['MESH-23', 'MESH-24'], [...mediaUp(), at(300, pcState('failed'))], { media: true, flags: ['media'] }),
        pair('measure', 'With a media connection the heartbeat measures; the measurement is sent as mh', ['MESH-15'], [...mediaUp(), at(2000, tick), at(2001, stats(812, 31, 1204, 32))], { media: true, flags: ['media', 'upstream'] }),
      ],
    },
    {
      name: 'grace',
      description: 'Drop grace, roster hold and the order of timers [MESH-25]..[MESH-27]',
      cases: [
        pair('grace', 'A peer gone from the roster is torn down 7000 ms later', ['MESH-25', 'MESH-29'], [...linked(), at(1000, absent), at(7999, tick), at(8000, tick)], { flags: ['timer', 'boundary', 'upstream'] }),
        pair('grace-cancelled', 'A peer back in the roster within the grace is kept', ['MESH-25'], [...linked(), at(1000, absent), at(5000, present), at(8000, tick)], { flags: ['timer'] }),
        pair('redial-after-teardown', 'After a teardown, presence dials again', ['MESH-25', 'MESH-01'], [...linked(), at(1000, absent), at(8000, tick), at(9000, present)]),
        pair('hold', 'A roster-absent peer still heard, whose media flowed, is held', ['MESH-26'], [
          ...mediaUp(), at(2000, tick), at(2001, stats(300, 30, 300, 30)), at(2002, frame('sig', mh(300, 30, 300, 30))),
          at(3000, absent), at(10000, tick), at(12000, frame('sig', mh(300, 30, 300, 30))), at(17000, tick),
        ], { media: true, flags: ['timer'] }),
        pair('hold-off', 'With roster hold off the peer is torn down', ['MESH-26', 'MESH-25'], [
          ...mediaUp(), at(2000, tick), at(2001, stats(300, 30, 300, 30)), at(2002, frame('sig', mh(300, 30, 300, 30))), at(3000, absent), at(10000, tick),
        ], { media: true, rosterHold: false }),
        pair('hold-never-flowed', 'A peer whose media never flowed is not held', ['MESH-26'], [...linked(), at(500, frame('sig', mh())), at(1000, absent), at(8000, tick)]),
        pair('hold-not-heard', 'A held peer not heard for 60000 ms is torn down', ['MESH-26'], [
          ...mediaUp(), at(2000, tick), at(2001, stats(300, 30, 300, 30)), at(2002, frame('sig', mh(300, 30, 300, 30))),
          at(3000, absent), at(10000, tick), at(17000, tick), at(24000, tick), at(31000, tick), at(38000, tick), at(45000, tick), at(52000, tick), at(59000, tick), at(66000, tick),
        ], { media: true, flags: ['timer', 'boundary'] }),
        pair('bye-not-held', 'A peer that said bye is never held', ['MESH-10', 'MESH-26'], [
          ...mediaUp(), at(2000, tick), at(2001, stats(300, 30, 300, 30)), at(2002, frame('sig', mh(300, 30, 300, 30))), at(2500, frame('sig', { t: 'bye' })), at(3000, absent), at(10000, tick),
        ], { media: true }),
        pair('timer-order', 'Timers due together: the drop grace first, so a torn-down pair does not re-dial', ['MESH-27'], [at(1, present), at(100, open('sig')), at(110, frame('sig', CAP)), at(120, open('bulk')), at(1000, absent), at(7200, closed('sig')), at(7300, closed('bulk')), at(8000, tick)], { flags: ['timer'] }),
      ],
    },
  ],
};
