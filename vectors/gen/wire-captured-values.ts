// The frames recorded from a live PeerJS session for the `captured` vectors (vectors/wire.json):
// a participant's `voice`, the coordinator's `roster`, a relayed host command, and an `app` content
// frame long enough to be chunked. Each value is built the way upstream Kibitz builds it (members
// it leaves unset are undefined, which BinaryPack writes as nil). tests/wire/captured.test.ts sends
// them through real PeerJS clients over the stock broker and checks the bytes against the pins in
// wire-captured.ts.

export const MEDIA_ADA = '3f2c9a1e-6b7d-4e21-9c0a-5d8e7f6a1b2c';
export const MEDIA_GRACE = '9b1d0c7e-2a4f-4c83-8e5d-1f6a7b8c9d0e';
const ENGINE = { v: '0.1.0', b: 'a1b2c3d', p: 1, f: ['chat.v1', 'app.v1', 'xfer.v1', 'xfer.v2'] };
/** A host command token (vectors/hostcmd.json hostcmd.sign.op-claim). */
const HOST_CLAIM =
  'eyJrIjoia2J6LWhvc3QtY21kLnYxIiwicm9vbSI6InN0YW5kdXAiLCJmcCI6IjVhOjNiOjAxOmIwOjdhOmVkOmYzOjUxOjI1OjVkOjA5OjM5Ojc1OmUyOmQ4OmYyOjU3OjdlOmIxOjkzOmFlOjBkOjlhOjFmOjUxOjEwOmJiOmI3OjM5OmRmOmM0OjVmIiwib3AiOiJjbGFpbSIsImlhdCI6MTcwMDAwMDAwMCwianRpIjoiMGYxZTJkM2M0YjVhNjk3ODg3OTZhNWI0In0.gaE62RgOFyw12lxUvBMqDg6SluvUPThDAmnmBGn0BoQbM7k_PIs6T9N8UUHihrl8vSpB3fgZ4Te4L_S92H6tWQ';

export type CapturedName = 'voice' | 'roster' | 'mod' | 'app';

/** Which end sends each frame: the participant to the coordinator, or back. */
export const CAPTURED_DIRECTION: Record<CapturedName, 'to-coordinator' | 'to-participant'> = {
  voice: 'to-coordinator',
  roster: 'to-participant',
  mod: 'to-coordinator',
  app: 'to-participant',
};

/** The values, fresh each call (PeerJS may hold on to what it is given). */
export function capturedValue(name: CapturedName): unknown {
  switch (name) {
    case 'voice': // room.ts sendSelf: {t, on, cam, name, avatar, voiceId, token, meta, jwt, agentAssertion, agentCredit}
      return { t: 'voice', on: true, cam: false, name: 'Ada', avatar: '', voiceId: MEDIA_ADA, token: 'k3j9x0q2m7w1', meta: { '~kbz': ENGINE }, jwt: undefined, agentAssertion: undefined, agentCredit: undefined };
    case 'roster': // room.ts rosterMsg: {t, members, lobby, host, locked}; members as the coordinator stored them
      return {
        t: 'roster',
        members: [
          { id: MEDIA_ADA, name: 'Ada', cam: false, avatar: '', meta: { '~kbz': ENGINE } },
          { id: MEDIA_GRACE, name: 'Grace', cam: true, avatar: '\u{1F98A}', meta: undefined },
        ],
        lobby: false,
        host: '',
        locked: false,
      };
    case 'mod':
      return { t: 'mod', token: HOST_CLAIM };
    case 'app': // a content frame over 16300 bytes: PeerJS sends it as two chunks
      return { k: 'app', data: { text: 'x'.repeat(20_000), n: 1 } };
  }
}
