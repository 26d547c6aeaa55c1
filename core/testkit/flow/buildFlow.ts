/** The fixture builder's entry: a flow description → pcap or pcapng bytes plus a map of what went where. */
import { writePcap } from '../../src/export/pcapWriter.ts';
import { writePcapng } from '../../src/export/pcapngWriter.ts';
import { makeTimestamp } from '../../src/shared/time.ts';
import { FlowError, type BuiltFlow, type FlowDescription, type LinkName } from './flowTypes.ts';
import { LINK_TYPES } from './linkLayer.ts';
import { resolveFlow } from './resolveFlow.ts';
import { Scheduler } from './scheduler.ts';

/** Deterministic: the same description always gives the same bytes. Throws FlowError on a bad description. */
export function buildFlow(flow: FlowDescription): BuiltFlow {
  const resolved = resolveFlow(flow);
  const schedule = new Scheduler(resolved).run();
  const links: LinkName[] = [];
  for (const f of schedule.frames) if (!links.includes(f.link)) links.push(f.link);
  if (links.length === 0) links.push(flow.link ?? 'ethernet');
  const frames = schedule.frames.map((f) => ({
    timestamp: makeTimestamp(resolved.startSeconds, resolved.startNanoseconds + f.timeNs),
    data: f.data,
    originalLength: f.originalLength,
    interfaceId: links.indexOf(f.link),
    ...(f.comment !== undefined ? { comment: f.comment } : {}),
  }));

  let bytes: Uint8Array;
  if (resolved.format === 'pcap') {
    if (links.length > 1) throw new FlowError(`a pcap file has one link type; this flow uses ${links.join(', ')} (use format pcapng)`);
    bytes = writePcap(frames, { linkType: LINK_TYPES[links[0]!], nanosecond: resolved.nanosecond });
  } else {
    bytes = writePcapng(frames, {
      interfaces: links.map((link) => ({ linkType: LINK_TYPES[link], name: link, tsresolDigits: resolved.nanosecond ? 9 : 6 })),
      ...(resolved.comment !== undefined ? { sectionComment: resolved.comment } : {}),
    });
  }
  return {
    bytes,
    format: resolved.format,
    frames: frames.map((f, i) => {
      const planned = schedule.frames[i]!;
      return { number: i + 1, messageIndex: planned.stepIndex, role: planned.role, ...f, linkType: LINK_TYPES[planned.link] };
    }),
    messages: schedule.messages,
    linkTypes: links.map((l) => LINK_TYPES[l]),
  };
}
