/**
 * One frame → its transport-layer result (packetResult.ts), through link layers, IP (with fragment
 * reassembly) and tunnels. One loop over {layer, payload}: each decoder names what follows and the binding
 * table (link/layerBindings.ts) maps that to the next decoder — the gopacket DecodingLayer / scapy idea.
 */
import type { Frame } from '../capture/frame.ts';
import type { Issue } from '../shared/issue.ts';
import { AddressTexts } from './ip/addressTexts.ts';
import { FragmentReassembler } from './ip/fragmentReassembler.ts';
import { decodeIpByVersion } from './ip/ipByVersion.ts';
import { decodeIpv4 } from './ip/ipv4.ts';
import { decodeIpv6 } from './ip/ipv6.ts';
import { decodeIpAuthentication, decodeIpv6Extension, decodeIpv6Fragment } from './ip/ipv6Extension.ts';
import { decodeTcpHeader } from './ip/tcpHeader.ts';
import { decodeBsdLoop, decodeBsdNull } from './link/bsdLoopback.ts';
import { decodeEthernet } from './link/ethernet.ts';
import { LayerContext, type DecoderState } from './link/layerContext.ts';
import { resolveBinding, type Binding } from './link/layerBindings.ts';
import type { LayerId, LayerStep } from './link/layerStep.ts';
import { decodeSll, decodeSll2 } from './link/linuxCooked.ts';
import { decodeLlc } from './link/llc.ts';
import { decodeMpls } from './link/mpls.ts';
import { decodeCiscoHdlc, decodePpp, decodePppHdlc } from './link/ppp.ts';
import { decodePppoeSession } from './link/pppoe.ts';
import { decodeServiceVlan, decodeVlan } from './link/vlan.ts';
import type { PacketDecodeOutput, PacketResult } from './packetResult.ts';
import { decodeSctp } from './sctp/sctp.ts';
import { SctpReassembler } from './sctp/sctpReassembler.ts';
import { decodeErspan2, decodeErspan3 } from './tunnel/erspan.ts';
import { decodeGre } from './tunnel/gre.ts';
import { decodeGtpu } from './tunnel/gtpu.ts';
import { decodeL2tp } from './tunnel/l2tp.ts';
import { decodeVxlan } from './tunnel/vxlan.ts';
import { decodeUdp } from './udp/udp.ts';

export interface PacketDecoderOptions {
  /** Capture-time age after which an incomplete IP fragment set is dropped (default 30 s). */
  readonly fragmentTimeoutMs?: number;
  /** Bytes all held IP fragments (and, separately, SCTP fragments) may occupy (default 64 MiB). */
  readonly maxFragmentBytes?: number;
}

type LayerDecoder = (bytes: Uint8Array, ctx: LayerContext) => LayerStep;

const DECODERS: Record<LayerId, LayerDecoder> = {
  ethernet: decodeEthernet,
  vlan: decodeVlan,
  serviceVlan: decodeServiceVlan,
  llc: decodeLlc,
  mpls: decodeMpls,
  sll: decodeSll,
  sll2: decodeSll2,
  bsdNull: decodeBsdNull,
  bsdLoop: decodeBsdLoop,
  ppp: decodePpp,
  pppHdlc: decodePppHdlc,
  ciscoHdlc: decodeCiscoHdlc,
  pppoeSession: decodePppoeSession,
  ipByVersion: decodeIpByVersion,
  ipv4: decodeIpv4,
  ipv6: decodeIpv6,
  ipv6Extension: decodeIpv6Extension,
  ipv6Fragment: decodeIpv6Fragment,
  ipAuthentication: decodeIpAuthentication,
  gre: decodeGre,
  erspan2: decodeErspan2,
  erspan3: decodeErspan3,
  vxlan: decodeVxlan,
  gtpu: decodeGtpu,
  l2tp: decodeL2tp,
  udp: decodeUdp,
  tcp: decodeTcpHeader,
  sctp: decodeSctp,
};

/** Layers one frame may pass (VLAN stacks, extension-header chains and tunnels all count). */
const MAX_LAYERS = 48;
const DEFAULT_FRAGMENT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_FRAGMENT_BYTES = 64 * 1024 * 1024;

export class PacketDecoder {
  private readonly state: DecoderState;

  constructor(options: PacketDecoderOptions = {}) {
    const maxBytes = options.maxFragmentBytes ?? DEFAULT_MAX_FRAGMENT_BYTES;
    this.state = {
      fragments: new FragmentReassembler(options.fragmentTimeoutMs ?? DEFAULT_FRAGMENT_TIMEOUT_MS, maxBytes),
      sctp: new SctpReassembler(maxBytes),
      addresses: new AddressTexts(),
    };
  }

  decode(frame: Frame): PacketDecodeOutput {
    const ctx = new LayerContext(frame, this.state);
    this.state.fragments.expire(frame.timestamp, ctx.issues);
    let result: PacketResult;
    try {
      result = run(ctx);
    } catch (error) {
      // Decoders check lengths before reading, so this is a bug; the frame still gets an answer.
      ctx.issue('packet.internal_error', error instanceof Error ? error.message : String(error));
      result = { kind: 'malformed', code: 'packet.internal_error' };
    }
    return { result, issues: ctx.issues };
  }

  /** End of capture: reports (and forgets) fragment sets and SCTP messages that never completed. */
  flush(): Issue[] {
    const issues: Issue[] = [];
    this.state.fragments.flush(issues);
    this.state.sctp.flush(issues);
    return issues;
  }
}

function run(ctx: LayerContext): PacketResult {
  const frame = ctx.frame;
  let bytes = frame.data;
  if (frame.fcsLength > 0) {
    if (frame.fcsLength > bytes.length) {
      ctx.issue('link.fcs_longer_than_frame', frame.fcsLength);
      return { kind: 'malformed', code: 'link.fcs_longer_than_frame' };
    }
    bytes = bytes.subarray(0, bytes.length - frame.fcsLength);
  }

  let binding: Binding | undefined = resolveBinding('linkType', frame.linkType);
  let layer: LayerId = 'ethernet';
  for (let hops = 0; ; hops++) {
    if (binding !== undefined) {
      if (binding.layer === undefined) return { kind: 'other', protocol: binding.other };
      if (binding.wrapper !== undefined) ctx.wrap(binding.wrapper);
      layer = binding.layer;
    }
    if (hops >= MAX_LAYERS) return ctx.malformed('packet.too_deep', hops);
    // The fallback is only for the layer right after the one that set it (UDP before a tunnel).
    const fallback = ctx.fallback;
    ctx.fallback = undefined;
    const step: LayerStep = DECODERS[layer](bytes, ctx);
    switch (step.kind) {
      case 'bound':
        if (step.wrapper !== undefined) ctx.wrap(step.wrapper);
        binding = resolveBinding(step.space, step.value);
        bytes = step.payload;
        break;
      case 'layer':
        if (step.wrapper !== undefined) ctx.wrap(step.wrapper);
        binding = undefined;
        layer = step.layer;
        bytes = step.payload;
        break;
      case 'decline':
        return fallback ?? { kind: 'other', protocol: layer };
      default:
        return step;
    }
  }
}
