/**
 * Standalone `serve` (dist/app/serve.mjs) for app/start.mjs's fallback: the same as `sipladder serve`,
 * without depending on the CLI bundle. Usage: node dist/app/serve.mjs [FILE] [--port N] [--open]
 */
import { parseArgs } from 'node:util';
import { findAppDist } from './appDist.ts';
import { startServe } from './serve.ts';

async function run(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { port: { type: 'string' }, open: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`sipladder serve: ${(error as Error).message}\nUsage: serve.mjs [FILE] [--port N] [--open]\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port: expected 0–65535\n`);
    return 2;
  }
  const dist = findAppDist(import.meta.url);
  try {
    const serving = await startServe({
      port, open: values.open === true, version: '0.1.0', ...(positionals[0] ? { file: positionals[0] } : {}), ...(dist ? { dist } : {}),
    });
    process.stdout.write(`sipladder is serving ${positionals[0] ?? 'no capture yet'}\n\n  ${serving.server.url}\n\n`);
    process.stdout.write(serving.browserOpened ? 'Opened in your browser. Press Ctrl+C to stop.\n' : 'Open that URL in a browser. Press Ctrl+C to stop.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await serving.close();
    return 0;
  } catch (error) {
    process.stderr.write(`sipladder: ${(error as Error).message}\n`);
    return 3;
  }
}

run().then((code) => process.exit(code));
