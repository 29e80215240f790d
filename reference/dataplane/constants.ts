// Every limit and timer of the data plane (spec/14-data-plane.md), in one place. Values are
// upstream's; names follow the chapter. Limits the schemas also state are imported from them.
import { IMG_DATA_MAX } from '../../schemas/src/dataplane.ts';
import { ID_TOKEN_MAX } from '../../schemas/src/limits.ts';

export { IMG_DATA_MAX };

// ---- mesh pair (14.2 to 14.5) ----------------------------------------------------------------
/** Media-health heartbeat and keepalive period, ms [MESH-12]. */
export const HEARTBEAT_MS = 2000;
/** A roster-absent peer is torn down this long after it left the roster, ms [MESH-25]. */
export const DROP_GRACE_MS = 7000;
/** Re-dial of a data connection we dialled that closed unexpectedly, ms [MESH-08]. */
export const REDIAL_DELAY_MS = 800;
/** Watchdog: a sig connection still not open, or open but silent, this long is broken, ms [MESH-14]. */
export const STUCK_MS = 8000;
export const SIG_DEAD_MS = 8000;
/** Media recovery: no inbound flow for longer than this triggers a rung of the ladder, ms [MESH-23]. */
export const RECOVER_AFTER_MS = 9000;
/** Inbound below this many kbps counts as no flow [MESH-23]. */
export const MIN_FLOW_KBPS = 1;
/** Bound of the recovery ladder and of the watchdog, per peer [MESH-24], [MESH-14]. */
export const MAX_RECOVER = 3;
/** Roster hold: a held peer must have been heard (mh) within this, ms [MESH-26]. */
export const ROSTER_HOLD_TIMEOUT_MS = 60000;
/** Delay between sending bye and closing the connections, ms [MESH-11]. */
export const BYE_FLUSH_MS = 250;
/** Frames queued on a connection that is not open yet (hardening bound) [MESH-06]. */
export const PRE_OPEN_BUFFER_MAX = 256;

// ---- content kinds (14.7) ---------------------------------------------------------------------
/** Chat text: the receiver keeps the first 500 UTF-16 code units [CONT-10]. */
export const CHAT_MAX_LEN = 500;
/** mid, replay author ids and names, widget ids: first 80 code units [CONT-11]. */
export const ID_MAX = 80;
/** JSON text length of app, schema, widget and wevt payloads, UTF-16 code units [CONT-17]. */
export const PAYLOAD_JSON_MAX = 262144;
/** Legacy inline image file name [CONT-15]. */
export const IMG_NAME_MAX = 80;
/** Pay link and its label [CONT-18]. */
export const PAY_URL_MAX = 512;
export const PAY_LABEL_MAX = 80;
/** Ink: the sender's name and colour [CONT-19]. */
export const INK_NAME_MAX = 40;
export const INK_COLOR_MAX = 32;
/** idtoken [MSG-37]. */
export const JWT_MAX = ID_TOKEN_MAX;
/** Schema discovery [CONT-21], [CONT-22]. */
export const SCHEMA_NAME_MAX = 120;
export const SCHEMA_VERSION_MAX = 64;
export const SCHEMA_PER_PEER = 25;
export const SCHEMA_CAP = 200;
/** Widgets [CONT-23]. */
export const WIDGET_KIND_MAX = 120;
export const WIDGET_EVENTS_CAP = 1000;

// ---- transfers (14.8) -------------------------------------------------------------------------
/** Raw bytes per chunk; n = ceil(size / CHUNK_BYTES) [XFER-02]. */
export const CHUNK_BYTES = 49152;
/** Receiver ceilings by sink: in memory, streamed to private storage, saved to a chosen file [XFER-04]. */
export const MEMORY_MAX_BYTES = 50 * 1024 * 1024;
export const DISK_MAX_BYTES = 1024 * 1024 * 1024;
export const DOWNLOAD_MAX_BYTES = 50 * 1024 * 1024 * 1024;
/** Incoming transfers open at once per sender [XFER-07]. */
export const MAX_CONCURRENT_IN = 4;
/** Transfer id: at most 64 code units in JSON, 64 UTF-8 bytes in a chunk frame [XFER-03], [WIRE-48]. */
export const XFER_ID_MAX = 64;
export const XFER_MIME_MAX = 100;
export const XFER_NAME_MAX = 120;
/** A transfer with no accepted chunk for longer than this has stalled, ms [XFER-16]. */
export const STALL_MS = 30000;
/** Resume requests sent for one stalled transfer before it fails [XFER-16]. */
export const RESUME_TRIES = 3;
/** Sender backpressure: pause while the bulk connection buffers more than this, bytes [XFER-13]. */
export const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** Backpressure poll and bulk-open wait, ms [XFER-13]. */
export const POLL_MS = 25;
export const BULK_WAIT_MS = 4000;
