import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without types
import { buildApp } from '../../app/build.mjs';
import { TRAPEZOID_PATH } from '../../app/engine/testCaptures.ts';
import { CliError, EXIT } from '../cliError.ts';
import { openInput } from '../openInput.ts';
import { parsePort, type ServeContext, startServeCommand } from './serve.ts';

function context(file: string | undefined, flags: Record<string, string | boolean | undefined> = {}): { ctx: ServeContext; out: () => string } {
  let text = '';
  const sink = { write: (t: string): boolean => ((text += t), true) };
  return { ctx: { ...(file ? { input: openInput(file) } : {}), flags, out: sink, err: sink }, out: () => text };
}

describe('sipladder serve', () => {
  let dist: string;
  const previous = process.env.SIPLADDER_APP_DIST;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'sipladder-serve-test-'));
    await (buildApp as (d: string) => Promise<unknown>)(dist);
    process.env.SIPLADDER_APP_DIST = dist;
  });

  afterAll(() => {
    if (previous === undefined) delete process.env.SIPLADDER_APP_DIST;
    else process.env.SIPLADDER_APP_DIST = previous;
    rmSync(dist, { recursive: true, force: true });
  });

  it('reads --port as a port number, 0 (any free port) by default', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('8765')).toBe(8765);
    for (const bad of ['http', '-1', '65536', '12.5', true]) expect(() => parsePort(bad)).toThrow(CliError);
  });

  it('serves FILE on 127.0.0.1, prints the tokenised URL, and the API answers with the analysed call', async () => {
    const { ctx, out } = context(TRAPEZOID_PATH);
    const serving = await startServeCommand(ctx);
    try {
      const url = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)/.exec(out())!;
      expect(url).not.toBeNull();
      const headers = { 'Content-Type': 'application/json', 'X-Sipladder-Token': url[2]! };
      let status: { phase: string } = { phase: '' };
      for (let i = 0; i < 100 && status.phase !== 'done'; i++) {
        const r = await fetch(`http://127.0.0.1:${url[1]}/api/call/status`, { method: 'POST', headers, body: '{"args":[]}' });
        status = (await r.json() as { result: { phase: string } }).result;
        if (status.phase !== 'done') await new Promise((res) => setTimeout(res, 50));
      }
      expect(status).toMatchObject({ phase: 'done', messages: 14 });
      const page = await fetch(`http://127.0.0.1:${url[1]}/`);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await page.text()).toContain('<script src="app.js" defer></script>');
    } finally {
      await serving.close();
    }
  });

  it('starts without a capture, and refuses a missing one with exit code 3', async () => {
    const { ctx, out } = context(undefined, { port: '0' });
    const serving = await startServeCommand(ctx);
    expect(out()).toMatch(/no capture yet/);
    await serving.close();
    const missing = { input: { name: '/no/such/file.pcap', chunks: [] as unknown as AsyncIterable<Uint8Array> }, flags: {}, out: { write: () => true }, err: { write: () => true } };
    await expect(startServeCommand(missing)).rejects.toMatchObject({ exitCode: EXIT.cannotRead });
  });

  it('explains a port already in use', async () => {
    const first = await startServeCommand(context(undefined).ctx);
    try {
      await expect(startServeCommand(context(undefined, { port: String(first.server.port) }).ctx)).rejects.toThrow(/already in use/);
    } finally {
      await first.close();
    }
  });
});
