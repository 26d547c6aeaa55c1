/**
 * Why a live capture could not start or stopped early, in words a person can act on: which package to
 * install, how to grant capture rights (per tool), which interfaces exist, what the filter syntax error was.
 */
import { EXIT } from '../cliError.ts';

export type CaptureErrorKind = 'missing-tool' | 'permission' | 'no-such-interface' | 'bad-filter' | 'interface-vanished' | 'tool-failed' | 'listen-failed';

export class CaptureError extends Error {
  constructor(readonly kind: CaptureErrorKind, message: string, readonly toolMessage?: string) {
    super(message);
  }

  /** The CLI's exit code: a bad command line (interface name, filter) is a usage error; the rest cannot read input. */
  get exitCode(): number {
    return this.kind === 'no-such-interface' || this.kind === 'bad-filter' ? EXIT.usage : EXIT.cannotRead;
  }
}

export type ToolName = 'dumpcap' | 'tcpdump';

/** Debian/Ubuntu packages that provide the tools. */
export const TOOL_PACKAGES: Readonly<Record<ToolName, string>> = { dumpcap: 'wireshark-common', tcpdump: 'tcpdump' };

export function missingToolError(wanted: ToolName | undefined): CaptureError {
  if (wanted !== undefined) {
    return new CaptureError('missing-tool', `${wanted} was not found on PATH. Install it: sudo apt install ${TOOL_PACKAGES[wanted]} ` +
      `(Debian/Ubuntu; Fedora: ${wanted === 'dumpcap' ? 'wireshark-cli' : 'tcpdump'}; macOS: ${wanted === 'dumpcap' ? 'brew install wireshark' : 'tcpdump is built in'}).`);
  }
  return new CaptureError('missing-tool', 'no capture tool found: sipladder captures through dumpcap or tcpdump, and neither is on PATH. ' +
    'Install one: sudo apt install wireshark-common (dumpcap; lets a group capture without root) or sudo apt install tcpdump.');
}

export function permissionHint(tool: ToolName, path: string): string {
  if (tool === 'dumpcap') {
    return 'To let your user capture without root (sipladder itself never needs root): ' +
      'sudo dpkg-reconfigure wireshark-common (answer Yes), then sudo usermod -aG wireshark $USER and log in again; ' +
      `or give dumpcap the capabilities directly: sudo setcap cap_net_raw,cap_net_admin+eip ${path}.`;
  }
  return `To let tcpdump capture without root (sipladder itself never needs root): sudo setcap cap_net_raw,cap_net_admin+eip ${path} ` +
    `(and limit who may run it: sudo groupadd -f pcap; sudo chgrp pcap ${path}; sudo chmod 750 ${path}; sudo usermod -aG pcap $USER). ` +
    'Or run only the capture as root and pipe it in: sudo tcpdump -i IFACE -U -w - port 5060 | sipladder capture -r -';
}

/** Reads the tool's own words and says what to do about them. */
export function classifyToolFailure(tool: ToolName, path: string, interfaces: readonly string[], stderr: string, exitCode: number | null): CaptureError {
  const said = toolMessage(stderr);
  const where = interfaces.join(', ');
  if (/permission|Operation not permitted|not permitted/i.test(said)) {
    return new CaptureError('permission', `no permission to capture on ${where} with ${tool} (${firstLine(said)}). ${permissionHint(tool, path)}`, said);
  }
  if (/Invalid capture filter|can't parse filter|syntax error|illegal token|unknown host|not a valid capture filter/i.test(said)) {
    return new CaptureError('bad-filter', `the capture filter is not valid — ${tool} says: ${sentence(filterMessage(said))} ` +
      'Capture filters use the pcap-filter syntax (man 7 pcap-filter), e.g. -f "port 5060 or port 5061".', said);
  }
  if (/no longer attached|interface disappeared|interface went down|has been disconnected|Network is down/i.test(said)) {
    return new CaptureError('interface-vanished', `the interface went away during the capture (${firstLine(said)}): the capture stopped.`, said);
  }
  if (/There is no device named|No such device|doesn't exist|unknown interface/i.test(said)) {
    return new CaptureError('no-such-interface', `no interface ${where} (${firstLine(said)}). \`sipladder capture --list\` shows the interfaces.`, said);
  }
  const detail = said ? `: ${said.split('\n').slice(-3).join(' / ')}` : '';
  return new CaptureError('tool-failed', `${tool} stopped unexpectedly (exit ${exitCode ?? 'by signal'})${detail}`, said);
}

/** The tool's stderr without its banners ("Capturing on …", "listening on …", "File: -") and statistics. */
function toolMessage(stderr: string): string {
  return stderr.split('\n')
    .map((l) => l.replace(/\r/g, '').trim())
    .filter((l) => l && !/^(Capturing on|tcpdump: listening on|File: |Packets captured|Packets received\/dropped|\d+ packets? )/.test(l))
    .join('\n');
}

/** Ends with a full stop, once. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/^(dumpcap|tcpdump): /, '');
}

function filterMessage(said: string): string {
  const lines = said.split('\n').filter((l) => !/See the User's Guide|^$/.test(l));
  return lines.map((l) => l.replace(/^(dumpcap|tcpdump): /, '')).join(' ');
}
