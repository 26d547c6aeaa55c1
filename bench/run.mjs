// `npm run bench`: builds the deterministic SIP-dense capture once (bench/out/), then measures, in the same run,
// `sipladder summary` (full pipeline), a bare record scan of the same file, and sngrep when installed.
// Reports seconds, MB/s, messages/s and peak RSS (GNU time's %M, else polled /proc VmHWM), and the ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_200_000);
const out = 'bench/out';
mkdirSync(out, { recursive: true });
const file = `${out}/sip-dense-${MESSAGES}.pcap`;
const doubled = `${out}/sip-dense-${MESSAGES * 2}.pcap`;

function generate(path, messages) {
  if (existsSync(path)) return;
  process.stderr.write(`generating ${path} (${messages} SIP messages)…\n`);
  const r = spawnSync('npx', ['tsx', 'bench/generateCapture.ts', path, String(messages)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

const hasGnuTime = existsSync('/usr/bin/time');
function measure(label, command, args) {
  const wrapped = hasGnuTime ? ['/usr/bin/time', ['-f', '__BENCH__ %e %M', command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const r = spawnSync(wrapped[0], wrapped[1], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) {
    process.stderr.write(`${label} failed (exit ${r.status}):\n${r.stderr}\n`);
    return undefined;
  }
  const m = /__BENCH__ ([\d.]+) (\d+)/.exec(r.stderr);
  return { label, seconds: m ? Number(m[1]) : seconds, peakRssMb: m ? Number(m[2]) / 1024 : NaN, stdout: r.stdout };
}

generate(file, MESSAGES);
const sizeMb = statSync(file).size / 1e6;
const results = [];
const ours = measure('sipladder summary', 'node', ['dist/cli.mjs', 'summary', file, '--json']);
const messages = ours ? JSON.parse(ours.stdout).sipMessages : NaN;
results.push(ours);
results.push(measure('bare record scan', 'node', ['bench/recordScan.mjs', file]));
const sngrepPath = ['/usr/bin/sngrep', '/usr/local/bin/sngrep'].find(existsSync);
if (sngrepPath) results.push(measure('sngrep 1.6 (-N -q)', sngrepPath, ['-N', '-q', '-l', '10000000', '-I', file]));
else process.stderr.write('sngrep is not installed (apt-get install sngrep): its column is left out\n');

let scaling;
if (process.env.BENCH_SCALING !== '0') {
  generate(doubled, MESSAGES * 2);
  const twice = measure('sipladder summary, input ×2', 'node', ['dist/cli.mjs', 'summary', doubled, '--json']);
  if (twice && ours) scaling = twice.seconds / ours.seconds;
  results.push(twice);
}

const rows = results.filter(Boolean).map((r) => {
  const size = r.label.includes('×2') ? sizeMb * 2 : sizeMb;
  const msgs = r.label.includes('×2') ? messages * 2 : messages;
  return { ...r, mbPerSecond: size / r.seconds, messagesPerSecond: msgs / r.seconds };
});
const by = (l) => rows.find((r) => r.label.startsWith(l));
const sngrep = by('sngrep');
const scan = by('bare');
const report = {
  date: new Date().toISOString(),
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
  file: { path: file, megabytes: Number(sizeMb.toFixed(1)), sipMessages: messages },
  results: rows.map(({ stdout, ...r }) => ({ ...r, seconds: Number(r.seconds.toFixed(2)), peakRssMb: Number(r.peakRssMb.toFixed(0)), mbPerSecond: Number(r.mbPerSecond.toFixed(1)), messagesPerSecond: Math.round(r.messagesPerSecond) })),
  ratios: {
    throughputVsSngrep: sngrep && ours ? Number((sngrep.seconds / ours.seconds).toFixed(2)) : null,
    peakRssVsSngrep: sngrep && ours ? Number((ours.peakRssMb / sngrep.peakRssMb).toFixed(2)) : null,
    timeVsBareScan: scan && ours ? Number((ours.seconds / scan.seconds).toFixed(2)) : null,
    timeForDoubleInput: scaling ? Number(scaling.toFixed(2)) : null,
  },
};
writeFileSync(`${out}/latest.json`, JSON.stringify(report, null, 2));
console.log(`\n${file}: ${sizeMb.toFixed(0)} MB, ${messages} SIP messages\n`);
console.log('what'.padEnd(32) + 'seconds'.padStart(9) + 'MB/s'.padStart(9) + 'msg/s'.padStart(11) + 'peak RSS MB'.padStart(13));
for (const r of report.results) {
  console.log(r.label.padEnd(32) + String(r.seconds).padStart(9) + String(r.mbPerSecond).padStart(9) + String(r.messagesPerSecond).padStart(11) + String(r.peakRssMb).padStart(13));
}
console.log('\nratios:', JSON.stringify(report.ratios));
console.log(`(written to ${out}/latest.json)`);
