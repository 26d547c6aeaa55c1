// Soak run of live capture, loopback only, bounded in time and count: sipp (uac → uas on 127.0.0.1, UDP) at about
// 10,000 SIP messages/s (default 1,120 calls/s × 9 messages: INVITE, 100, 180, 200, ACK, INFO, 200, BYE, 200) for
// BENCH_SOAK_SECONDS (default 180), captured on `lo` through `sipladder capture` (a fresh bundle of the CLI; dumpcap
// when installed, else tcpdump; BENCH_SOAK_TOOL to choose). Reports the drops the capture tool counted, SIP
// messages/s, calls found vs calls sipp completed, and memory over time (RSS, heap, the session's own estimate), and
// writes bench/out/soak.json. Needs root (or capture rights) and sipp.
//   node bench/soak.mjs                   BENCH_SOAK_SECONDS=60 BENCH_SOAK_RATE=1120 BENCH_SOAK_LIMIT_MB=128
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 180);
const RATE = Number(process.env.BENCH_SOAK_RATE ?? 1120);
const LIMIT_MB = process.env.BENCH_SOAK_LIMIT_MB ?? '128';
const TOOL = process.env.BENCH_SOAK_TOOL;
const MESSAGES_PER_CALL = 9;
if (!(SECONDS > 0 && SECONDS <= 3600) || !(RATE > 0 && RATE <= 5000)) {
  console.error('BENCH_SOAK_SECONDS must be in (0, 3600] and BENCH_SOAK_RATE in (0, 5000]');
  process.exit(2);
}
const which = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim() || undefined;
const sipp = which('sipp');
if (!sipp) {
  console.error('sipp is not installed (Debian package sip-tester): the soak needs it to make traffic');
  process.exit(1);
}

// The CLI, bundled fresh: the real entry when cli/main.ts dispatches `capture`, else the live commands' own entry.
mkdirSync('bench/out', { recursive: true });
const entry = /captureMain/.test(readFileSync('cli/main.ts', 'utf8')) ? 'cli/bin.ts' : 'cli/live/liveCli.ts';
const cli = 'bench/out/sipladder-soak.mjs';
const { build } = await import('esbuild');
await build({
  entryPoints: [entry], outfile: cli, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  external: ['electron'], banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }, logLevel: 'warning',
});

function freeUdpPort() {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const serverPort = await freeUdpPort();
const clientPort = await freeUdpPort();
const calls = Math.round(RATE * SECONDS);
const work = mkdtempSync(join(tmpdir(), 'sipladder-soak-'));

// 1. The capture.
const captureArgs = [cli, 'capture', '-i', 'lo', '-f', `udp port ${serverPort}`, '--json', '--stats', '5', '--limit-mb', LIMIT_MB, ...(TOOL ? ['--tool', TOOL] : [])];
const capture = spawn('node', captureArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
let partial = '';
const samples = [];
let summary;
let callLines = 0;
let answered = 0;
capture.stderr.on('data', (d) => (stderr += d.toString()));
capture.stdout.on('data', (d) => {
  const lines = (partial + d.toString()).split('\n');
  partial = lines.pop();
  for (const line of lines) {
    if (!line.startsWith('{"event":"')) continue;
    if (line.startsWith('{"event":"call"')) {
      callLines++;
      if (line.includes('"outcome":"answered"')) answered++;
      continue;
    }
    const o = JSON.parse(line);
    if (o.event === 'stats') samples.push(o);
    if (o.event === 'summary') summary = o;
  }
});
const captureExit = new Promise((resolve) => capture.once('close', resolve));
const readyBy = Date.now() + 20_000;
while (!/Capturing on/.test(stderr) && Date.now() < readyBy) await new Promise((r) => setTimeout(r, 50));
if (!/Capturing on/.test(stderr)) {
  // --json keeps stderr quiet: wait for the first statistics line instead.
  while (samples.length === 0 && Date.now() < readyBy) await new Promise((r) => setTimeout(r, 50));
}
if (capture.exitCode !== null) {
  console.error(`the capture did not start:\n${stderr}`);
  process.exit(1);
}

// 2. The traffic, bounded by count and time: a call with an INFO in the dialog, both ends scripted here.
const header = (lines) => lines.map((l) => `      ${l}`).join('\n');
const uacRequest = (method, cseq, extra = []) => header([
  `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0`, 'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
  'From: soak <sip:soak@[local_ip]:[local_port]>;tag=[pid]soak[call_number]',
  `To: [service] <sip:[service]@[remote_ip]:[remote_port]>${method === 'INVITE' ? '' : '[peer_tag_param]'}`,
  'Call-ID: [call_id]', `CSeq: ${cseq} ${method}`, 'Contact: <sip:soak@[local_ip]:[local_port]>', 'Max-Forwards: 70', ...extra,
]);
const SDP = ['', 'v=0', 'o=soak 1 1 IN IP[local_ip_type] [local_ip]', 's=-', 'c=IN IP[media_ip_type] [media_ip]', 't=0 0', 'm=audio [media_port] RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'];
const UAC = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="sipladder soak uac">
  <send retrans="500"><![CDATA[
${uacRequest('INVITE', 1, ['Content-Type: application/sdp', 'Content-Length: [len]', ...SDP])}
  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true"/>
  <send><![CDATA[
${uacRequest('ACK', 1, ['Content-Length: 0'])}
  ]]></send>
  <send retrans="500"><![CDATA[
${uacRequest('INFO', 2, ['Content-Length: 0'])}
  ]]></send>
  <recv response="200"/>
  <send retrans="500"><![CDATA[
${uacRequest('BYE', 3, ['Content-Length: 0'])}
  ]]></send>
  <recv response="200" crlf="true"/>
</scenario>
`;
const uasResponse = (status, toTag, extra = ['Content-Length: 0']) => header([
  `SIP/2.0 ${status}`, '[last_Via:]', '[last_From:]', toTag ? '[last_To:];tag=[pid]uas[call_number]' : '[last_To:]', '[last_Call-ID:]', '[last_CSeq:]',
  'Contact: <sip:[local_ip]:[local_port];transport=[transport]>', ...extra,
]);
const UAS = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="sipladder soak uas">
  <recv request="INVITE" crlf="true"/>
  <send><![CDATA[
${uasResponse('100 Trying', false)}
  ]]></send>
  <send><![CDATA[
${uasResponse('180 Ringing', true)}
  ]]></send>
  <send retrans="500"><![CDATA[
${uasResponse('200 OK', true, ['Content-Type: application/sdp', 'Content-Length: [len]', ...SDP])}
  ]]></send>
  <recv request="ACK" optional="true" rtd="true" crlf="true"/>
  <recv request="INFO"/>
  <send><![CDATA[
${uasResponse('200 OK', false)}
  ]]></send>
  <recv request="BYE"/>
  <send><![CDATA[
${uasResponse('200 OK', false)}
  ]]></send>
  <timewait milliseconds="2000"/>
</scenario>
`;
writeFileSync(join(work, 'uac.xml'), UAC);
writeFileSync(join(work, 'uas.xml'), UAS);
// 8 MiB socket buffers: with Linux's default 208 KiB, sipp's own sockets overflow at this rate and calls time out.
const sippRun = (args) => spawn(sipp, [...args, '-nostdin', '-buff_size', String(8 << 20), '-timeout', `${SECONDS + 60}s`], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
const uas = sippRun(['-sf', 'uas.xml', '-i', '127.0.0.1', '-p', String(serverPort)]);
await new Promise((r) => setTimeout(r, 500));
const started = Date.now();
process.stderr.write(`soak: ${calls.toLocaleString('en')} calls at ${RATE}/s (~${(RATE * MESSAGES_PER_CALL).toLocaleString('en')} SIP messages/s) for ${SECONDS} s, capturing lo via ${entry} …\n`);
const uac = sippRun(['-sf', 'uac.xml', `127.0.0.1:${serverPort}`, '-i', '127.0.0.1', '-p', String(clientPort), '-m', String(calls), '-r', String(RATE),
  '-l', String(Math.max(1000, RATE * 4)), '-trace_stat', '-stf', 'uac-stats.csv', '-fd', '1']);
let uacErr = '';
uac.stderr.on('data', (d) => (uacErr += d.toString()));
const uacCode = await new Promise((resolve) => uac.once('close', resolve));
const trafficSeconds = (Date.now() - started) / 1000;
await new Promise((r) => setTimeout(r, 4000)); // linger: the last calls complete
capture.kill('SIGINT');
const captureCode = await captureExit;
uas.kill('SIGTERM');

// sipp's own count of successful calls (the last line of its statistics file).
let sippSuccessful;
try {
  const csv = readdirSync(work).find((f) => f.endsWith('.csv'));
  const rows = readFileSync(join(work, csv), 'utf8').trim().split('\n');
  const header = rows[0].split(';');
  const last = rows[rows.length - 1].split(';');
  sippSuccessful = Number(last[header.indexOf('SuccessfulCall(C)')]);
} catch {
  sippSuccessful = undefined;
}
rmSync(work, { recursive: true, force: true });

if (!summary) {
  console.error(`no summary from the capture (exit ${captureCode}):\n${stderr}\nsipp (exit ${uacCode}): ${uacErr.slice(-2000)}`);
  process.exit(1);
}
const mb = (b) => Math.round(b / 1e6);
const mib = (b) => Math.round(b / 1048576);
const timeline = samples.map((s) => ({
  t: Math.round(s.elapsedMs / 1000), messagesPerSecond: s.messagesPerSecond, rssMb: mb(s.rssBytes), heapMb: mb(s.heapUsedBytes),
  estimateMib: mib(s.estimatedBytes), keptCalls: s.calls.kept, evicted: s.calls.evicted, drops: s.drops,
}));
const warm = Math.min(20, trafficSeconds / 2);
const steady = timeline.filter((s) => s.t >= warm && s.t <= trafficSeconds);
const rates = steady.map((s) => s.messagesPerSecond);
const result = {
  date: new Date().toISOString(), tool: summary.source, seconds: SECONDS, trafficSeconds: Math.round(trafficSeconds), rateCallsPerSecond: RATE,
  sippCalls: calls, sippExit: uacCode, sippSuccessful, callsFound: summary.calls.completed, answered, callLines,
  sipMessages: summary.sipMessages, packets: summary.packets, drops: summary.drops, dropsByInterface: summary.dropsByInterface,
  messagesPerSecond: { mean: Math.round(summary.sipMessages / trafficSeconds), min: rates.length ? Math.min(...rates) : null, max: rates.length ? Math.max(...rates) : null },
  memory: {
    limitMib: Number(LIMIT_MB), rssMbAfterWarmUp: steady[0]?.rssMb ?? null, rssMbEnd: steady.at(-1)?.rssMb ?? null,
    rssMbMax: Math.max(...timeline.map((s) => s.rssMb)), heapMbMax: Math.max(...timeline.map((s) => s.heapMb)),
    estimateMibMax: Math.max(...timeline.map((s) => s.estimateMib)),
  },
  evictedCalls: summary.calls.evicted, keptCalls: summary.calls.kept, timeline,
};
writeFileSync('bench/out/soak.json', JSON.stringify(result, null, 2) + '\n');

console.log(`\nsoak on lo via ${summary.source}: ${SECONDS} s requested, traffic ran ${result.trafficSeconds} s`);
console.log(`  sipp: ${calls.toLocaleString('en')} calls asked, ${sippSuccessful?.toLocaleString('en') ?? '?'} successful (exit ${uacCode})`);
console.log(`  found: ${summary.calls.completed.toLocaleString('en')} calls (${answered.toLocaleString('en')} answered), ${summary.sipMessages.toLocaleString('en')} SIP messages in ${summary.packets.toLocaleString('en')} packets`);
console.log(`  drops reported by the capture tool: ${summary.drops}`);
console.log(`  SIP messages/s: mean ${result.messagesPerSecond.mean.toLocaleString('en')}, 5-s windows ${result.messagesPerSecond.min}–${result.messagesPerSecond.max}`);
console.log(`  memory (--limit-mb ${LIMIT_MB}, MiB): RSS ${result.memory.rssMbAfterWarmUp} MB after ${Math.round(warm)} s → ${result.memory.rssMbEnd} MB at the end (max ${result.memory.rssMbMax}); heap max ${result.memory.heapMbMax} MB; session estimate max ${result.memory.estimateMibMax} MiB; ${summary.calls.evicted.toLocaleString('en')} calls evicted`);
console.log('\n  t(s)  msg/s   RSS MB  heap MB  est. MiB  kept calls  evicted');
for (const s of timeline.filter((_, i) => i % 3 === 0 || i === timeline.length - 1)) {
  console.log(`  ${String(s.t).padStart(4)}  ${String(s.messagesPerSecond).padStart(6)}  ${String(s.rssMb).padStart(6)}  ${String(s.heapMb).padStart(7)}  ${String(s.estimateMib).padStart(8)}  ${String(s.keptCalls).padStart(10)}  ${String(s.evicted).padStart(7)}`);
}
if (uacErr.trim()) process.stderr.write(`sipp said: ${uacErr.trim().split('\n').slice(-3).join(' / ')}\n`);
process.exit(summary.drops === 0 && summary.calls.completed >= (sippSuccessful ?? calls) ? 0 : 1);
