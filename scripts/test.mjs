#!/usr/bin/env node
// `npm test`: type-check, stage-layering lint, build, then vitest. Ends with the plain line CI reads:
// "N passed, N failed". The two checks before vitest count as one test each.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const extraArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  const ok = result.status === 0;
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

step('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('stage layering', 'node', ['scripts/checkLayers.mjs']);
const built = step('build', 'node', ['scripts/build.mjs']);

vitestRun('unit and integration tests', '.vitest-results.json', []);
// The UI's end-to-end tests drive Debian's Chromium against `sipladder serve`, one file at a time.
if (extraArgs.length === 0) vitestRun('end-to-end tests (Chromium)', '.vitest-e2e-results.json', ['--config', 'app/e2e/vitest.e2e.config.ts']);

function vitestRun(label, resultsFile, configArgs) {
  process.stdout.write(`\n▶ ${label}\n`);
  rmSync(resultsFile, { force: true });
  const vitest = spawnSync('npx', ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...extraArgs], { stdio: 'inherit' });
  countResults(resultsFile, vitest.status);
}

function countResults(resultsFile, status) {
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    // A suite that fails to load has no test results of its own: count it as a failure.
    for (const suite of results.testResults) {
      if (suite.status === 'failed' && suite.assertionResults.length === 0) {
        failed++;
        failures.push(`suite ${suite.name}: ${String(suite.message).split('\n')[0]}`);
      }
      for (const t of suite.assertionResults) if (t.status === 'failed') failures.push(t.fullName);
    }
    if (results.numPendingTests > 0 || results.numTodoTests > 0) {
      process.stdout.write(`\n${results.numPendingTests + results.numTodoTests} tests were skipped (each prints its reason above).\n`);
    }
  } else {
    failed++;
    failures.push(`vitest produced no results (exit ${status})`);
  }
}
if (!built) process.stdout.write('\nThe CLI bundle did not build.\n');

if (failures.length) {
  process.stdout.write('\nFailed:\n' + failures.map((f) => `  - ${f}`).join('\n') + '\n');
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
