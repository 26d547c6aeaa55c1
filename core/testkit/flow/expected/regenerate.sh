#!/bin/sh
# Rebuilds the oracle scenarios and records what tshark says about them (run from the repository root).
# Needs tshark (Wireshark 4.0.17 was used); tests never run it, they compare against these files.
set -eu
out=${1:-/tmp/sipladder-flow-scenarios}
here=core/testkit/flow/expected
npx tsx tools/writeScenarioCaptures.ts "$out" >/dev/null
common="-X lua_script:$here/hep3.lua -o tcp.desegment_tcp_streams:TRUE
  -o ip.defragment:TRUE -o ipv6.defragment:TRUE -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE
  -o tcp.check_checksum:TRUE -o sctp.checksum:CRC-32C"
for capture in "$out"/*.pcap "$out"/*.pcapng; do
  [ -e "$capture" ] || continue
  name=$(basename "${capture%.*}")
  # Out-of-order reassembly lets tshark rebuild reordered segments, but then it waits forever at a hole
  # that is never filled; the gap scenario keeps Wireshark's default (off) so data after the hole decodes.
  case $name in tcp-gap) ooo=FALSE ;; *) ooo=TRUE ;; esac
  opts="$common -o tcp.reassemble_out_of_order:$ooo"
  # shellcheck disable=SC2086
  tshark $opts -r "$capture" -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator='|' \
    -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id -e frame.encap_type -e frame.comment -e ieee8021ad.id -e vlan.id \
    -e ip.checksum.status -e udp.checksum.status -e tcp.checksum.status -e sctp.checksum.status \
    -e _ws.col.Protocol -e _ws.col.Info \
    > "$here/$name.frames.tsv" 2>/dev/null
  # shellcheck disable=SC2086
  tshark $opts -r "$capture" -Y sip -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator='|' \
    -e frame.number -e sip.Request-Line -e sip.Status-Line -e sip.Call-ID -e sip.CSeq -e hep3t.ts_sec -e hep3t.ts_usec \
    > "$here/$name.sip.tsv" 2>/dev/null
done
