// Splits an adapter's stdout into lines without ever holding more than `maxBytes` of one line:
// a longer line is reported once as an overflow and skipped up to its newline (ADP-01), so an
// adapter that writes gigabytes without a newline costs bounded memory, never a crash.
import type { Readable } from 'node:stream';

export type LineEvent = { line: string } | { overflow: number; head: string };

export function readLines(stream: Readable, maxBytes: number, onEvent: (e: LineEvent) => void): void {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = 0; // bytes dropped of an overlong line, 0 when not skipping
  let head = '';
  stream.on('data', (chunk: Buffer) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (skipping) skipping += piece.length;
      else if (size + piece.length > maxBytes) {
        const kept = Buffer.concat([...parts, piece.subarray(0, Math.max(0, maxBytes - size))]);
        head = kept.subarray(0, 200).toString('utf8');
        skipping = size + piece.length;
        parts = [];
        size = 0;
      } else if (piece.length) {
        parts.push(Buffer.from(piece));
        size += piece.length;
      }
      if (nl === -1) return;
      if (skipping) {
        onEvent({ overflow: skipping, head });
        skipping = 0;
      } else {
        const line = Buffer.concat(parts).toString('utf8');
        parts = [];
        size = 0;
        onEvent({ line });
      }
      start = nl + 1;
    }
  });
}
