// PeerJS 1.5.5 hands each broker frame for a data connection (ANSWER, CANDIDATE) to async methods
// that read the connection's `provider` and `_negotiator` again after an await. close() sets both
// to null, so a frame whose handling straddles a close throws a TypeError out of the async handler:
// `Negotiator.handleCandidate` reports a failed addIceCandidate through
// `this.connection.provider.emitError` (negotiator.ts:335), and `handleMessage` on a closed
// connection reads `this._negotiator.handleCandidate`. Nobody awaits those promises, so in Node the
// rejection is unhandled and ends the process (spec/trophies.md T15,
// scripts/trophies/peerjs-candidate-after-close.ts).
// The narrow fix: a frame for a connection that is already closed goes nowhere, and a rejection
// that surfaces once the connection is closed is dropped, since there is nobody left to tell. While
// the connection is open, PeerJS reports its own failures as before ('error' events).
type Handling = { provider?: unknown; _negotiator?: unknown };
type HandleMessage = (this: Handling, message: unknown) => unknown;

let guarded = false;

/** Makes late signaling frames on closed PeerJS data connections harmless. Idempotent. */
export function guardLateSignaling(peerjs: object): void {
  const buffered = (peerjs as { BufferedConnection?: { prototype: object } }).BufferedConnection?.prototype;
  // handleMessage is DataConnection's; BufferedConnection is the exported class just below it.
  const proto = buffered ? (Object.getPrototypeOf(buffered) as Record<string, unknown>) : undefined;
  if (guarded || !proto || !Object.hasOwn(proto, 'handleMessage') || typeof proto.handleMessage !== 'function') return;
  guarded = true;
  const handle = proto.handleMessage as HandleMessage;
  proto.handleMessage = function (this: Handling, message: unknown): Promise<void> {
    if (!this.provider || !this._negotiator) return Promise.resolve(); // closed: the frame is late
    return Promise.resolve(handle.call(this, message)).then(
      () => undefined,
      (e: unknown) => {
        if (this.provider) throw e; // still open: not the teardown race, so not ours to hide
      },
    );
  };
}
