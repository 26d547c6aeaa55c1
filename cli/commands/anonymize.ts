/**
 * `sipladder anonymize IN -o OUT`: a copy of a capture with every address, number, name, tag, branch and
 * Call-ID replaced consistently (core/src/anonymize), so a real trace can become a lesson or a ticket
 * attachment. Takes its own arguments (main.ts hands over everything after `anonymize`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { anonymizeCapture } from '../../core/src/anonymize/anonymizeCapture.ts';
import { CliError, EXIT, reportCommandError } from '../cliError.ts';
import { writeNewFile } from '../writeOutput.ts';
import type { OutStream } from '../command.ts';
import { describeFsError } from '../openInput.ts';

export const anonymizeHelp = `Usage: sipladder anonymize IN -o OUT [--force] [--secret TEXT | --secret-file FILE] [--map FILE]

Writes a copy of the capture IN where every IP address (IP headers, SIP headers, SDP), MAC address, user
and number in URIs, display name, host name, tag, branch, Call-ID and digest value is replaced by a
pseudonym of the same length — the same pseudonym everywhere it occurs — so the copy analyses exactly like
the original: same transactions, dialogs, hops and outcomes. Content-Length and packet lengths do not
change; IP, UDP and TCP checksums are computed again. Frames without SIP (RTP media, DNS, ARP, TLS,
WebSocket, tunnels) are left out. Output: pcap (or pcapng when IN is pcapng), or text when IN is SIP text.

The output is checked: if any original value is still found in it, nothing is written (exit 1).

Options:
  -o, --output OUT     the anonymised capture (- for standard output, not a terminal)
  --force              overwrite OUT if it exists
  --secret TEXT        derive pseudonyms from this secret: the same secret gives the same pseudonyms in
                       every capture (anonymise several files of one incident alike). Default: a new
                       random secret each run, so nobody can link or reverse the pseudonyms.
  --secret-file FILE   read the secret from FILE (keeps it out of the shell history)
  --map FILE           also write what was replaced by what, as JSON. PRIVATE: it undoes the anonymisation.

Examples:
  sipladder anonymize customer.pcapng -o ticket-4711.pcapng
  sipladder anonymize a.pcap -o a-anon.pcap --secret-file ~/.sipladder-secret
  sipladder anonymize trace.pcap -o lesson.pcap --map lesson-map.json`;

export interface AnonymizeIo {
  readonly out: OutStream;
  readonly err: OutStream;
  readonly stdin?: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  map: { type: 'string' },
} as const;

async function readInput(path: string, io: AnonymizeIo): Promise<Uint8Array> {
  if (path === '-') {
    const stdin = io.stdin ?? (process.stdin as AnonymizeIo['stdin'])!;
    if (stdin.isTTY) throw new CliError('reading a capture from standard input, but it is a terminal: pipe one in', EXIT.usage);
    const chunks: Uint8Array[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    const data = readFileSync(path);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    throw new CliError(describeFsError(path, error), EXIT.cannotRead);
  }
}

/** Everything after `sipladder anonymize`; returns the exit code. */
export async function anonymizeMain(argv: readonly string[], io: AnonymizeIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
    } catch (error) {
      throw new CliError(`anonymize: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '.')}\nRun \`sipladder anonymize --help\`.`, EXIT.usage);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out.write(anonymizeHelp + '\n');
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new CliError(`anonymize: give one capture IN (got ${positionals.length})\nRun \`sipladder anonymize --help\`.`, EXIT.usage);
    const output = values.output;
    if (output === undefined) throw new CliError('anonymize: give the output file with -o OUT', EXIT.usage);
    if (output === '-' && (io.out as { isTTY?: boolean }).isTTY) throw new CliError('anonymize: will not write a capture to a terminal; use -o FILE', EXIT.usage);
    if (values.secret !== undefined && values['secret-file'] !== undefined) throw new CliError('anonymize: give --secret or --secret-file, not both', EXIT.usage);
    if (output !== '-' && existsSync(output) && !values.force) throw new CliError(`${output} exists: add --force to overwrite it`, EXIT.cannotWrite);
    const secret = values['secret-file'] !== undefined ? (await readInput(values['secret-file'], io)) : values.secret;
    if (secret !== undefined && secret.length === 0) throw new CliError('anonymize: the secret is empty', EXIT.usage);

    const result = anonymizeCapture(await readInput(positionals[0]!, io), secret === undefined ? {} : { secret });
    if (result.format === 'none') throw new CliError(`${positionals[0]}: not a capture this tool reads (expected pcap, pcapng, gzip of either, or SIP text)`, EXIT.unknownFormat);
    if (result.leftovers.size > 0) {
      throw new CliError(`nothing written: these original values are still in the output, which would not be anonymous:\n${[...result.leftovers.keys()].map((v) => `  ${v}`).join('\n')}`, EXIT.inputErrors);
    }
    if (output === '-') io.out.write(result.bytes);
    else writeNewFile(output, result.bytes, values.force ?? false);
    if (values.map !== undefined) {
      const t = result.tables;
      const json = { warning: 'PRIVATE: this table undoes the anonymisation', ipv4: Object.fromEntries(t.ipv4), ipv6: Object.fromEntries(t.ipv6), macs: Object.fromEntries(t.macs), values: Object.fromEntries(t.tokens) };
      writeNewFile(values.map, JSON.stringify(json, null, 2) + '\n', values.force ?? false);
    }
    const dropped = Object.entries(result.dropped).map(([reason, n]) => `${n} ${reason}`).join(', ');
    io.err.write(`anonymized ${result.framesOut} of ${result.framesIn} frames, ${result.replaced} values replaced${dropped ? `; left out: ${dropped}` : ''}\n`);
    for (const issue of result.issues.filter((i) => i.code !== 'anonymize.frames_dropped')) io.err.write(`${issue.severity}: ${issue.message}${issue.value !== undefined ? ` (${issue.value})` : ''}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportCommandError(error, io.err);
  }
}
