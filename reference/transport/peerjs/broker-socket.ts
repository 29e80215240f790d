// The WebSocket PeerJS gets in Node. PeerJS 1.5.5 listens for open, message and close on its
// broker socket, never for error: in a browser an unheard error event does nothing, but `ws` is an
// EventEmitter and throws an 'error' nobody listens to. A Peer destroyed while its socket is still
// connecting (a registration that timed out) or a broker that refuses or resets the connection
// then ends the process (spec/trophies.md T16, scripts/trophies/peerjs-node-socket-error.ts).
// ws follows every such error with a close, which PeerJS handles as it would in a browser (a lost
// broker [SIG-23]); so the error itself only needs a listener.
import WebSocket from 'ws';

export class BrokerSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {
      /* the close that ws emits next is what PeerJS acts on */
    });
  }
}
