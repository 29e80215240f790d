// Trophy T7: node-datachannel's W3C polyfill answers getRemoteCertificates() with one empty
// certificate, whatever was in the DTLS handshake. Upstream's SAS code takes a single certificate
// and hashes it, so every connection through the polyfill would show the safety code of an empty
// certificate: the same code for an honest peer and for a machine in the middle.
//   node scripts/trophies/node-datachannel-empty-certificate.mjs      exit 0 when it reproduces
import { createHash } from 'node:crypto';
import ndc from 'node-datachannel';
import { RTCPeerConnection, RTCDtlsTransport } from 'node-datachannel/polyfill';

const pc = new RTCPeerConnection();
const certs = new RTCDtlsTransport({ pc }).getRemoteCertificates();
const fp = createHash('sha256').update(Buffer.from(certs[0] ?? new ArrayBuffer(0))).digest('hex').replace(/(..)(?!$)/g, '$1:');
console.log(`getRemoteCertificates() gave ${certs.length} certificate(s) of ${certs.map((c) => c.byteLength).join(', ')} byte(s); the fingerprint every such peer would show: ${fp}`);
pc.close();
ndc.cleanup();
process.exit(certs.length === 1 && certs[0].byteLength === 0 ? 0 : 1);
