// The in-page side of a browser peer on the data plane: plain JavaScript served to Chromium next
// to the PeerJS bundle, written the way upstream's browser client behaves on the wire. It joins the
// room's presence (a voice announcement with its media id), registers a media peer, and keeps the
// mesh of chapter 14 with every rostered peer: the smaller id dials sig, both say cap on open, the
// dialler of sig dials bulk after cap, content rides bulk (or sig), and an mh keepalive goes out on
// sig every 2000 ms. It records every content frame with the id of the connection it came on.
export const BROWSER_MESH_SCRIPT = String.raw`
window.kbzMesh = (() => {
  const state = { received: [], errors: [], mediaId: null, links: new Map(), presence: null, media: null };
  const link = (id) => { if (!state.links.has(id)) state.links.set(id, { sig: null, bulk: null, dialled: false, bulkDialled: false }); return state.links.get(id); };
  const open = (c) => c && c.open;
  function wire(conn, role) {
    const l = link(conn.peer);
    l[role] = conn;
    conn.on('open', () => { if (role === 'sig') conn.send({ t: 'cap', bulk: 1 }); });
    conn.on('data', (d) => {
      if (d && typeof d === 'object' && typeof d.t === 'string') {
        if (role === 'sig' && d.t === 'cap' && l.dialled && !l.bulkDialled) {
          l.bulkDialled = true;
          wire(state.media.connect(conn.peer, { reliable: true, label: 'bulk' }), 'bulk');
        }
        return; // control frames never reach the application
      }
      state.received.push({ from: conn.peer, channel: role, msg: d });
    });
    conn.on('close', () => { if (l[role] === conn) l[role] = null; });
    conn.on('error', (e) => state.errors.push(String(e && e.type)));
  }
  function roster(members) {
    for (const m of members) {
      if (m.id === state.mediaId) continue;
      const l = link(m.id);
      if (state.mediaId < m.id && !l.dialled) {
        l.dialled = true;
        wire(state.media.connect(m.id, { reliable: true }), 'sig');
      }
    }
  }
  const peerOpts = (cfg) => ({ host: cfg.host, port: cfg.port, path: cfg.path, secure: false, key: 'peerjs', pingInterval: 5000, debug: 0, config: { iceServers: [] } });
  const registered = (p) => new Promise((resolve, reject) => { p.on('open', resolve); p.on('error', (e) => reject(new Error(String(e && e.type)))); });
  return {
    state,
    async start(cfg) {
      state.media = new peerjs.Peer(peerOpts(cfg));
      state.mediaId = await registered(state.media);
      state.media.on('connection', (conn) => wire(conn, conn.label === 'bulk' ? 'bulk' : 'sig'));
      state.media.on('error', (e) => state.errors.push(String(e && e.type)));
      const p = new peerjs.Peer(peerOpts(cfg));
      await registered(p);
      const conn = p.connect(cfg.authorityId, { reliable: true });
      state.presence = conn;
      conn.on('data', (d) => { if (d && d.t === 'roster') roster(d.members || []); });
      await new Promise((resolve, reject) => { conn.on('open', resolve); conn.on('error', reject); });
      const voice = () => conn.send({ t: 'voice', on: true, cam: false, name: cfg.name, avatar: '', voiceId: state.mediaId, meta: { '~kbz': { v: '0.2.0', b: 'chromium', p: 1, f: ['chat.v1', 'app.v1'] } } });
      voice();
      setInterval(voice, 3000);
      setInterval(() => { conn.send({ t: 'ping' }); for (const l of state.links.values()) if (open(l.sig)) l.sig.send({ t: 'mh', v: 0, a: 0, ov: 0, oa: 0 }); }, 2000);
      return state.mediaId;
    },
    send(msg, to) {
      const out = [];
      for (const [id, l] of state.links) {
        if (to && id !== to) continue;
        const c = open(l.bulk) ? l.bulk : open(l.sig) ? l.sig : null;
        if (c) { c.send(msg); out.push(id); }
      }
      return out;
    },
    linked(id) { const l = state.links.get(id); return !!(l && open(l.sig) && open(l.bulk)); },
    close() { try { state.media && state.media.destroy(); } catch (e) {} try { state.presence && state.presence.provider.destroy(); } catch (e) {} },
  };
})();
`;
