// `npm run bench`: builds the deterministic SIP-dense capture once (bench/out/), then measures, in the same run,
// `sipladder summary` (full pipeline: read, decode, parse, correlate, analyse — streamed), a bare record scan of
// the same file, and sngrep when installed; then the summary of a capture twice as long (BENCH_SCALING=0 skips it),
// and once `sipladder calls` — the whole analysis kept in memory, as the CLI's other commands and the app hold it
// (BENCH_WHOLE=0 skips it).
// Each command runs BENCH_RUNS times (default 3): the table gives the median wall time, the range, CPU time
// (user + system) and peak RSS (GNU time's %M), and the ratios are taken between medians. On a shared machine
// wall times swing with the load; CPU time swings less, so its ratio is printed too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_200_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
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
function once(label, command, args, keepStdout = true) {
  const wrapped = hasGnuTime ? ['/usr/bin/time', ['-f', '__BENCH__ %e %U %S %M', command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const r = spawnSync(wrapped[0], wrapped[1], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) {
    process.stderr.write(`${label} failed (exit ${r.status}):\n${r.stderr}\n`);
    return undefined;
  }
  const m = /__BENCH__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return {
    seconds: m ? Number(m[1]) : seconds, cpuSeconds: m ? Number(m[2]) + Number(m[3]) : NaN,
    peakRssMb: m ? Number(m[4]) / 1024 : NaN, stdout: r.stdout, load: loadavg()[0],
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function measure(label, command, args, count = RUNS, keepStdout = true) {
  const runs = [];
  for (let i = 0; i < count; i++) {
    process.stderr.write(`${label}: run ${i + 1} of ${count}…\n`);
    const r = once(label, command, args, keepStdout);
    if (r === undefined) return undefined;
    runs.push(r);
  }
  const secs = runs.map((r) => r.seconds);
  return {
    label, runs: runs.length, seconds: median(secs), minSeconds: Math.min(...secs), maxSeconds: Math.max(...secs),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)), peakRssMb: median(runs.map((r) => r.peakRssMb)),
    maxPeakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), loadAverage: median(runs.map((r) => r.load)), stdout: runs[0].stdout,
  };
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

let twice;
if (process.env.BENCH_SCALING !== '0') {
  generate(doubled, MESSAGES * 2);
  twice = measure('sipladder summary, input ×2', 'node', ['dist/cli.mjs', 'summary', doubled, '--json']);
  results.push(twice);
}
const doubledMessages = twice ? JSON.parse(twice.stdout).sipMessages : NaN;
if (process.env.BENCH_WHOLE !== '0') {
  // bin/sipladder.mjs, as users start it (it gives whole-capture commands a bigger heap); one run: it is long.
  results.push(measure('sipladder calls (whole, 1 run)', 'node', ['bin/sipladder.mjs', 'calls', file, '--json'], 1, false));
}

const rows = results.filter(Boolean).map((r) => {
  const two = r.label.includes('×2');
  const size = two ? statSync(doubled).size / 1e6 : sizeMb;
  const msgs = two ? doubledMessages : messages;
  return { ...r, mbPerSecond: size / r.seconds, messagesPerSecond: msgs / r.seconds };
});
const by = (l) => rows.find((r) => r.label.startsWith(l));
const sngrep = by('sngrep');
const scan = by('bare');
const ratio = (a, b) => (a !== undefined && b !== undefined ? Number((a / b).toFixed(2)) : null);
const report = {
  date: new Date().toISOString(),
  machine: `${process.platform} ${process.arch}, ${cpus().length} cores, node ${process.version}`,
  runsPerCommand: RUNS,
  file: { path: file, megabytes: Number(sizeMb.toFixed(1)), sipMessages: messages },
  results: rows.map(({ stdout, ...r }) => ({
    ...r, seconds: Number(r.seconds.toFixed(2)), minSeconds: Number(r.minSeconds.toFixed(2)), maxSeconds: Number(r.maxSeconds.toFixed(2)),
    cpuSeconds: Number(r.cpuSeconds.toFixed(2)), peakRssMb: Number(r.peakRssMb.toFixed(0)), maxPeakRssMb: Number(r.maxPeakRssMb.toFixed(0)),
    loadAverage: Number(r.loadAverage.toFixed(1)), mbPerSecond: Number(r.mbPerSecond.toFixed(1)), messagesPerSecond: Math.round(r.messagesPerSecond),
  })),
  ratios: {
    throughputVsSngrep: ratio(sngrep?.seconds, ours?.seconds),
    throughputVsSngrepByCpuTime: ratio(sngrep?.cpuSeconds, ours?.cpuSeconds),
    peakRssVsSngrep: ratio(ours?.peakRssMb, sngrep?.peakRssMb),
    timeVsBareScan: ratio(ours?.seconds, scan?.seconds),
    timeForDoubleInput: ratio(twice?.seconds, ours?.seconds),
    cpuTimeForDoubleInput: ratio(twice?.cpuSeconds, ours?.cpuSeconds),
  },
  targets: { throughputVsSngrep: '≥ 5', peakRssVsSngrep: '≤ 0.33', timeVsBareScan: '≤ 8', timeForDoubleInput: '≤ 2.1' },
};
writeFileSync(`${out}/latest.json`, JSON.stringify(report, null, 2));
console.log(`\n${file}: ${sizeMb.toFixed(0)} MB, ${messages} SIP messages; ${RUNS} run(s) each, median (range)\n`);
console.log('what'.padEnd(30) + 'seconds'.padStart(9) + '  range'.padEnd(16) + 'CPU s'.padStart(8) + 'MB/s'.padStart(8) + 'msg/s'.padStart(10) + 'peak RSS MB'.padStart(13) + 'load'.padStart(6));
for (const r of report.results) {
  console.log(r.label.padEnd(30) + String(r.seconds).padStart(9) + `  ${r.minSeconds}–${r.maxSeconds}`.padEnd(16) + String(r.cpuSeconds).padStart(8)
    + String(r.mbPerSecond).padStart(8) + String(r.messagesPerSecond).padStart(10) + String(r.peakRssMb).padStart(13) + String(r.loadAverage).padStart(6));
}
console.log('\nratios:', JSON.stringify(report.ratios));
console.log('targets:', JSON.stringify(report.targets));
console.log(`(written to ${out}/latest.json)`);
