// The baseline: a bare pcap record scan of the same file (1 MiB reads, walk the 16-byte record headers,
// touch nothing else). What no analyzer can beat; sipladder is measured against it.
import { openSync, readSync, closeSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const buf = Buffer.alloc(1 << 20);
let carry = Buffer.alloc(0);
let records = 0;
let offset = 24; // global header
let skipHeader = 24;
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  let chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
  let at = skipHeader;
  skipHeader = 0;
  while (at + 16 <= chunk.length) {
    const caplen = chunk.readUInt32LE(at + 8);
    if (at + 16 + caplen > chunk.length) break;
    at += 16 + caplen;
    records++;
  }
  offset += at;
  carry = Buffer.from(chunk.subarray(at));
}
closeSync(fd);
process.stdout.write(JSON.stringify({ records }) + '\n');
