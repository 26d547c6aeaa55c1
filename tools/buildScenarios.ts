/**
 * Node script: rebuilds every golden scenario capture fixtures/scenarios/<name>/<name>.pcap from its
 * <name>.flow, byte-identical on every run (the builder is deterministic).
 * Usage (from the repository root):
 *   npx tsx tools/buildScenarios.ts            rebuild the captures
 *   npx tsx tools/buildScenarios.ts --tshark   also rewrite each folder's tshark.tsv (needs tshark)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFlowFile } from '../core/testkit/flow/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenariosDir = join(root, 'fixtures', 'scenarios');

/** The tshark fields stored as tshark.tsv (the README of fixtures/scenarios repeats this command). */
const TSHARK_ARGS = [
  '-n', '-Y', 'sip', '-T', 'fields', '-E', 'header=y', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=|',
  '-e', 'frame.number', '-e', 'sip.Method', '-e', 'sip.Status-Code', '-e', 'sip.response-request',
];

const withTshark = process.argv.includes('--tshark');
const names = readdirSync(scenariosDir)
  .filter((name) => statSync(join(scenariosDir, name)).isDirectory())
  .sort();

for (const name of names) {
  const flowPath = join(scenariosDir, name, `${name}.flow`);
  if (!existsSync(flowPath)) {
    console.error(`${name}: no ${name}.flow, skipped`);
    continue;
  }
  const built = buildFlowFile(readFileSync(flowPath, 'utf8'));
  const capturePath = join(scenariosDir, name, `${name}.${built.format}`);
  writeFileSync(capturePath, built.bytes);
  let line = `${name}: ${built.messages.length} messages, ${built.frames.length} frames, ${built.bytes.length} bytes`;
  if (withTshark) {
    const tsv = execFileSync('tshark', ['-r', capturePath, ...TSHARK_ARGS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    writeFileSync(join(scenariosDir, name, 'tshark.tsv'), tsv);
    line += `, tshark ${tsv.trimEnd().split('\n').length - 1} rows`;
  }
  console.log(line);
}
