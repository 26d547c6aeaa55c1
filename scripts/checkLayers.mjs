#!/usr/bin/env node
// Keeps the pipeline's imports pointing backwards and the core pure (design.md, "The pipeline"):
//   shared ← capture ← network ← sip ← correlate ← analyze ← explain ← export ← anonymize
// A stage may import from itself, earlier stages and shared. Nothing in core/src or core/testkit imports Node,
// DOM-only or Electron modules (test files and *.bench.ts may use node:*). Exit 1 with one line per violation.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

export const STAGES = ['shared', 'capture', 'network', 'sip', 'correlate', 'analyze', 'explain', 'export', 'anonymize'];
const NODE_BUILTINS = /^(node:|fs$|fs\/|path$|os$|child_process$|http$|https$|net$|dgram$|stream$|zlib$|crypto$|buffer$|url$|util$|worker_threads$|readline$|process$|electron$|electron\/)/;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.(ts|mts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

/** Stage of a file under core/src, or 'top' for pipeline.ts/index.ts, or undefined outside. */
export function stageOf(file, coreSrc) {
  const rel = relative(coreSrc, file);
  if (rel.startsWith('..')) return undefined;
  const first = rel.split(sep)[0];
  return STAGES.includes(first) ? first : 'top';
}

export function importsOf(source) {
  const specs = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  let m;
  while ((m = re.exec(source))) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

export function checkLayers(root) {
  const coreSrc = resolve(root, 'core/src');
  const violations = [];
  const files = [...walk(coreSrc), ...safeWalk(resolve(root, 'core/testkit'))];
  for (const file of files) {
    const isTestOrBench = /\.(test|bench)\.ts$/.test(file);
    const source = readFileSync(file, 'utf8');
    const from = stageOf(file, coreSrc);
    for (const spec of importsOf(source)) {
      const where = relative(root, file);
      if (NODE_BUILTINS.test(spec)) {
        if (!isTestOrBench) violations.push(`${where}: imports '${spec}' — core must stay free of Node/Electron modules`);
        continue;
      }
      if (!spec.startsWith('.') || from === undefined || from === 'top') continue;
      const target = stageOf(resolve(dirname(file), spec), coreSrc);
      if (target === undefined || target === 'top') {
        if (!isTestOrBench && target === 'top') violations.push(`${where}: stage '${from}' imports the pipeline wiring '${spec}'`);
        continue;
      }
      if (STAGES.indexOf(target) > STAGES.indexOf(from) && !isTestOrBench) {
        violations.push(`${where}: stage '${from}' imports later stage '${target}' via '${spec}' (imports must point backwards)`);
      }
    }
  }
  return violations;
}

function safeWalk(dir) {
  try { return walk(dir); } catch { return []; }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const violations = checkLayers(process.cwd());
  for (const v of violations) console.error(v);
  if (violations.length) {
    console.error(`${violations.length} layering violation(s).`);
    process.exit(1);
  }
  console.log('stage layering: ok');
}
