/**
 * The `.flow` text format (documented in README.md): directives, then `--- from -> to options` blocks
 * whose lines are the SIP message. Parses to the same FlowDescription the TypeScript API takes.
 */
import {
  FlowError,
  type FlowDescription,
  type FlowStep,
  type FlowTransport,
  type HepOptions,
  type LinkName,
} from './flowTypes.ts';

const TRANSPORTS: readonly string[] = ['udp', 'tcp', 'sctp', 'ws', 'hep3', 'hep3-tcp'];
const FLAGS = ['coalesceWithNext', 'keepContentLength', 'rawText', 'hex'] as const;
const LIST_OPTIONS = ['segments', 'wsFrames', 'reorder', 'duplicate', 'dropSegment', 'vlan'] as const;
const NUMBER_OPTIONS = ['fragment', 'truncate'] as const;

/** Splits on blanks, keeping `key="a b"` together (quotes removed). */
function tokens(line: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"]+|"[^"]*")+/g;
  for (const m of line.matchAll(re)) out.push(m[0].replace(/"/g, ''));
  return out;
}

function numberList(value: string, where: string): number[] {
  const out = value.split(',').map((v) => Number(v.trim()));
  if (out.some((n) => !Number.isFinite(n))) throw new FlowError(`${where}: "${value}" is not a list of numbers`);
  return out;
}

interface Block {
  readonly line: number;
  readonly header: string;
  readonly body: string[];
}

export function parseFlowText(text: string): FlowDescription {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the file's last line break ends a line, it is not one
  const nodes: Record<string, string> = {};
  const flow: { -readonly [K in keyof FlowDescription]?: FlowDescription[K] } = {};
  const blocks: Block[] = [];
  let hep: HepOptions | undefined;

  lines.forEach((raw, i) => {
    const where = `line ${i + 1}`;
    if (raw.startsWith('---')) {
      blocks.push({ line: i + 1, header: raw.slice(3).trim(), body: [] });
      return;
    }
    if (blocks.length > 0) {
      blocks[blocks.length - 1]!.body.push(raw);
      return;
    }
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [directive, ...args] = tokens(line);
    const rest = line.slice(directive!.length).trim();
    switch (directive) {
      case 'node':
        if (args.length !== 2) throw new FlowError(`${where}: node needs a name and an address`);
        nodes[args[0]!] = args[1]!;
        break;
      case 'start': flow.start = rest; break;
      case 'link': flow.link = rest as LinkName; break;
      case 'vlan': flow.vlan = numberList(rest, where); break;
      case 'format': flow.format = rest as 'pcap' | 'pcapng'; break;
      case 'nanosecond': flow.nanosecond = true; break;
      case 'transport': flow.transport = rest as FlowTransport; break;
      case 'comment': flow.comment = rest; break;
      case 'hep': {
        const h: Record<string, string | number> = {};
        for (const a of args) {
          const [k, v] = a.split('=');
          if (!k || v === undefined || !['collector', 'agent', 'agentId', 'delay', 'innerTransport'].includes(k)) throw new FlowError(`${where}: bad hep option "${a}"`);
          h[k] = k === 'agentId' || k === 'delay' ? Number(v) : v;
        }
        hep = h as HepOptions;
        break;
      }
      default:
        throw new FlowError(`${where}: unknown directive "${directive}"`);
    }
  });

  return { ...flow, nodes, ...(hep ? { hep } : {}), messages: blocks.map(parseBlock) };
}

function parseBlock(block: Block): FlowStep {
  const where = `line ${block.line}`;
  const words = tokens(block.header);
  const step: Record<string, unknown> = {};
  let rest = words;
  let kind: 'message' | 'frame' | 'ip' = 'message';
  if (words[0] === 'frame' || words[0] === 'ip') {
    kind = words[0];
    rest = words.slice(1);
  } else {
    if (words.length < 3 || words[1] !== '->') throw new FlowError(`${where}: expected "--- from -> to [options]" or "--- frame|ip [options]"`);
    step.from = words[0];
    step.to = words[2];
    rest = words.slice(3);
  }
  for (const word of rest) {
    if (word.startsWith('@')) {
      step.at = Number(word.slice(1));
      if (!Number.isFinite(step.at)) throw new FlowError(`${where}: bad time "${word}"`);
    } else if (TRANSPORTS.includes(word)) step.transport = word;
    else if ((FLAGS as readonly string[]).includes(word)) step[word] = true;
    else if (word.includes('=')) {
      const eq = word.indexOf('=');
      const key = word.slice(0, eq);
      const value = word.slice(eq + 1);
      if ((LIST_OPTIONS as readonly string[]).includes(key)) step[key] = numberList(value, where);
      else if ((NUMBER_OPTIONS as readonly string[]).includes(key)) step[key] = numberList(value, where)[0];
      else if (key === 'link' || key === 'comment') step[key] = value;
      else throw new FlowError(`${where}: unknown option "${key}"`);
    } else throw new FlowError(`${where}: unknown option "${word}"`);
  }

  const body = [...block.body];
  if (!step.rawText) while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
  const text = body.join('\n') + (body.length > 0 ? '\n' : '');
  if (kind !== 'message') {
    step[kind] = text;
    return step as FlowStep;
  }
  if (step.hex) {
    delete step.hex;
    step.bytes = text;
  } else step.text = text;
  return step as unknown as FlowStep;
}
