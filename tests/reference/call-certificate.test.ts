// The reference's per-call certificate [SAS-18] must load in every TLS stack that meets it. Random
// serial numbers once went into the DER as they came, and 1 certificate in 256 started with a zero
// byte OpenSSL calls illegal padding: libdatachannel could not load it and the peer's process died
// on its first connection. These tests pin the INTEGER encoding and load certificates the way the
// transport does (PEM text, no files).
// Replay a failure with the seed it prints:  CERT_SEED=<seed> node scripts/test.mjs tests/reference call-certificate
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { X509Certificate } from 'node:crypto';
import nodeDataChannel from 'node-datachannel';
import { freshCallCertificate, selfSigned } from '../../reference/transport/peerjs/certificate.ts';
import { derTime, derUnsignedInteger } from '../../reference/transport/peerjs/der.ts';

const SEED = process.env.CERT_SEED ? Number(process.env.CERT_SEED) : (Date.now() ^ (process.pid << 10)) | 0;
const REPLAY = `CERT_SEED=${SEED} node scripts/test.mjs tests/reference call-certificate`;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('[SAS-18] a serial number is written as its one DER INTEGER form', () => {
  assert.is(hex(derUnsignedInteger(Uint8Array.of(0x00, 0x7f, 0x01))), '02027f01', 'a redundant leading zero goes');
  assert.is(hex(derUnsignedInteger(Uint8Array.of(0x00, 0x00, 0x05))), '020105');
  assert.is(hex(derUnsignedInteger(Uint8Array.of(0x00, 0x80))), '02020080', 'a needed leading zero stays');
  assert.is(hex(derUnsignedInteger(Uint8Array.of(0x80, 0x01))), '0203008001', 'a top bit gets its zero');
  assert.is(hex(derUnsignedInteger(Uint8Array.of(0x00, 0x00))), '020100');
  assert.is(hex(derUnsignedInteger(new Uint8Array(0))), '020100');
});

test('[SAS-18] validity times switch to GeneralizedTime in 2050', () => {
  assert.is(Buffer.from(derTime(new Date(Date.UTC(2049, 11, 31, 23, 59, 58)))).subarray(2).toString(), '491231235958Z');
  assert.is(derTime(new Date(Date.UTC(2049, 0, 1)))[0], 0x17);
  assert.is(Buffer.from(derTime(new Date(Date.UTC(2050, 0, 2, 3, 4, 5)))).subarray(2).toString(), '20500102030405Z');
  assert.is(derTime(new Date(Date.UTC(2050, 0, 1)))[0], 0x18);
});

test('[SAS-18] serials with leading zero bytes (the 1-in-256 case) give certificates OpenSSL reads', () => {
  for (const serial of [Uint8Array.of(0x00, 0x12, 0x34), Uint8Array.of(0x00, 0x00, 0x7f), Uint8Array.of(0x00, 0x9a), Uint8Array.of(0xff, 0x01)]) {
    const { der } = selfSigned('kibitz', serial);
    const x = new X509Certificate(Buffer.from(der));
    assert.is(BigInt(`0x${x.serialNumber}`), BigInt(`0x${hex(serial) || '0'}`), hex(serial));
  }
});

test('[SAS-18] any 16-byte serial gives a certificate that reads back with that serial (fast-check)', () => {
  try {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat({ max: 3 }), (serial, zeros) => {
        const s = serial.slice();
        s.fill(0, 0, zeros); // leading zero bytes are the case that broke
        const x = new X509Certificate(Buffer.from(selfSigned('kibitz', s).der));
        return BigInt(`0x${x.serialNumber}`) === BigInt(`0x${hex(s)}`);
      }),
      { seed: SEED, numRuns: 60 },
    );
  } catch (e) {
    console.log(`call-certificate property FAILED (seed ${SEED}); replay: ${REPLAY}`);
    throw e;
  }
});

test('[SAS-18] [BIND-04] libdatachannel loads 300 fresh certificates from PEM text, each with its own fingerprint', () => {
  const seen = new Set<string>();
  try {
    for (let i = 0; i < 300; i++) {
      const c = freshCallCertificate();
      assert.not.ok(seen.has(c.fingerprint), 'a fresh certificate per call');
      seen.add(c.fingerprint);
      // Throws "Unable to import PEM certificate" on a certificate it cannot read.
      const pc = new nodeDataChannel.PeerConnection(`cert-${i}`, { iceServers: [], certificatePemFile: c.certificatePem, keyPemFile: c.keyPem } as never);
      pc.close();
    }
  } finally {
    nodeDataChannel.cleanup();
  }
  assert.is(seen.size, 300);
});

test.run();
