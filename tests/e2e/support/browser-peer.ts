// The in-page side of a browser peer: plain JavaScript served to Chromium next to the PeerJS
// bundle. It joins a room the way upstream's browser client does (a presence peer with a
// broker-assigned id, one reliable data connection to the authority id), with one certificate
// generated for the call and pinned on every connection [SAS-18, BIND-04], and computes the
// safety code independently of the Node reference, from getRemoteCertificates() [SAS-01].
import { readFileSync } from 'node:fs';

interface AlphabetFile {
  symbols: { index: number; emoji: string }[];
}

/** The normative 32 symbols, index order (spec/data/sas-alphabet.json). */
export const SAS_ALPHABET: string[] = (JSON.parse(readFileSync(new URL('../../../spec/data/sas-alphabet.json', import.meta.url), 'utf8')) as AlphabetFile).symbols
  .sort((a, b) => a.index - b.index)
  .map((s) => s.emoji);

export const BROWSER_PEER_SCRIPT = String.raw`
window.kbz = (() => {
  const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join(':');
  const sdpFingerprint = (sdp) => {
    const m = /a=fingerprint:sha-256 ([0-9A-Fa-f:]+)/.exec(sdp || '');
    return m ? m[1].toLowerCase() : null;
  };
  const state = { frames: [], errors: [], peer: null, conn: null, cert: null };
  const failOn = (target, reject) => target.on('error', (e) => { state.errors.push(String(e && (e.type || e.message))); reject(new Error(String(e && (e.type + ': ' + e.message)))); });
  return {
    state,
    async start({ host, port, path, authorityId }) {
      state.cert = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
      const peer = new peerjs.Peer({ host, port, path, secure: false, key: 'peerjs', pingInterval: 5000, debug: 0,
        config: { iceServers: [], certificates: [state.cert] } });
      state.peer = peer;
      await new Promise((resolve, reject) => { peer.on('open', resolve); failOn(peer, reject); });
      const conn = peer.connect(authorityId, { reliable: true });
      state.conn = conn;
      conn.on('data', (d) => state.frames.push(d));
      await new Promise((resolve, reject) => { conn.on('open', resolve); failOn(conn, reject); failOn(peer, reject); });
      return peer.id;
    },
    send(msg) { state.conn.send(msg); },
    framesOf(t) { return state.frames.filter((f) => f && f.t === t); },
    async safety(alphabet) {
      const pc = state.conn.peerConnection;
      const certs = pc.sctp.transport.getRemoteCertificates();
      if (certs.length !== 1 || certs[0].byteLength === 0) return { unavailable: 'remote certificate count ' + certs.length };
      const remote = hex(await crypto.subtle.digest('SHA-256', certs[0]));
      const local = sdpFingerprint(pc.localDescription && pc.localDescription.sdp);
      if (!local) return { unavailable: 'no local fingerprint' };
      const pair = [local.trim().toLowerCase(), remote.trim().toLowerCase()].sort().join('|');
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pair)));
      const indices = Array.from(digest.slice(0, 4), (b) => b & 31);
      const pinned = state.cert.getFingerprints().find((f) => f.algorithm === 'sha-256');
      return { local, remote, remoteInSdp: sdpFingerprint(pc.remoteDescription && pc.remoteDescription.sdp),
        pinned: pinned ? pinned.value.toLowerCase() : null, indices, code: indices.map((i) => alphabet[i]).join(' ') };
    },
    close() { try { state.peer && state.peer.destroy(); } catch (e) {} },
  };
})();
`;
