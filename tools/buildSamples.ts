/**
 * Node script: rebuilds every sample capture from its flow source, byte-identical on every run.
 * Usage (from the repository root): npx tsx core/testkit/buildSamples.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFlowFile } from '../core/testkit/flow/buildFlowFile.ts';
import { SAMPLES } from '../core/testkit/samples.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const sample of SAMPLES) {
  const built = buildFlowFile(readFileSync(join(root, sample.source), 'utf8'));
  writeFileSync(join(root, sample.output), built.bytes);
  console.log(`${sample.output}: ${built.frames.length} frames, ${built.bytes.length} bytes`);
}
