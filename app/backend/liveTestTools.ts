/**
 * Test helper: a stand-in `tcpdump` (a shell script first on PATH) that behaves as the real one does for the
 * live-capture code — "listening on" on stderr, a pcap stream on stdout, its counters when stopped (SIGINT),
 * or one of the real tool's refusals — so the serve side is tested end to end without root or a network.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the fake tool does: capture (the file, then wait), or fail as tcpdump fails. */
export type FakeMode = 'capture' | 'nosuchif' | 'permission' | 'badfilter' | 'vanish';

const SCRIPT = `#!/bin/sh
iface=""; prev=""
for a in "$@"; do [ "$prev" = "-i" ] && iface="$a"; prev="$a"; done
case "$FAKE_MODE" in
  nosuchif) echo "tcpdump: $iface: No such device exists" >&2; echo "(SIOCGIFHWADDR: No such device)" >&2; exit 1;;
  permission) echo "tcpdump: $iface: You don't have permission to perform this capture on that device" >&2
    echo "(socket: Operation not permitted)" >&2; exit 1;;
  badfilter) echo "tcpdump: can't parse filter expression: syntax error" >&2; exit 1;;
esac
trap 'echo "15 packets captured" >&2; echo "15 packets received by filter" >&2; echo "0 packets dropped by kernel" >&2; exit 0' INT TERM
trap 'echo "15 packets captured, 15 packets received by filter, 0 packets dropped by kernel" >&2' USR1
echo "tcpdump: listening on $iface, link-type EN10MB (Ethernet), snapshot length 262144 bytes" >&2
cat "$FAKE_CAPTURE"
if [ "$FAKE_MODE" = vanish ]; then sleep 0.3; echo "tcpdump: pcap_loop: The interface disappeared" >&2; exit 1; fi
while :; do sleep 0.05; done
`;

export interface FakeTools {
  /** PATH with the fake tcpdump first (then the system's, for sh, cat and sleep; no dumpcap needed: use tool tcpdump). */
  env(mode: FakeMode): NodeJS.ProcessEnv;
  readonly dir: string;
  cleanup(): void;
}

export function fakeTcpdump(capture: Uint8Array): FakeTools {
  const dir = mkdtempSync(join(tmpdir(), 'sipladder-fake-tool-'));
  const file = join(dir, 'capture.pcap');
  writeFileSync(file, capture);
  const tool = join(dir, 'tcpdump');
  writeFileSync(tool, SCRIPT);
  chmodSync(tool, 0o755);
  return {
    dir,
    env: (mode) => ({ PATH: `${dir}:/usr/bin:/bin`, FAKE_MODE: mode, FAKE_CAPTURE: file }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
