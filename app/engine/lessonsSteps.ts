/**
 * The step-through of a capture, answered in the worker: the messages of some call-list rows (or of the
 * whole capture, for a lesson) in capture order, each with its arrow and its explanation in a language,
 * from the explain rules (core/src/explain) over the session's correlation model. Paged: a call can be long.
 */
import type { CorrelationModel } from '../../core/src/correlate/model.ts';
import type { Locale } from '../../core/src/explain/i18n/locale.ts';
import { nodeLabeler, type NodeLabeler } from '../../core/src/explain/lesson/nodeLabels.ts';
import { explainMessage } from '../../core/src/explain/rules/explainCapture.ts';
import { makeExplainContext, type ExplainContext } from '../../core/src/explain/rules/explainContext.ts';
import { renderExplanationLine } from '../../core/src/explain/rules/renderExplanation.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import { diffMs } from '../../core/src/shared/time.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { MAX_STEP_MESSAGES, type StepsPage, type StepsQuery, type StepView } from '../shared/classroomTypes.ts';
import { column, type EngineState, rowMessages } from './engineState.ts';
import { clip } from './rowText.ts';

const NOISE_METHODS: ReadonlySet<string> = new Set(['OPTIONS', 'REGISTER']);

/** One explain context per correlation model (it indexes usages and leg links once). */
const contexts = new WeakMap<CorrelationModel, ExplainContext>();

function contextFor(state: EngineState, model: CorrelationModel): ExplainContext {
  let ctx = contexts.get(model);
  if (ctx === undefined) {
    ctx = makeExplainContext({ model, lookup: (i) => state.records[i] });
    contexts.set(model, ctx);
  }
  return ctx;
}

/** Record indices of the step-through: every record (no rows), else the rows' messages merged, capture order. */
export function stepIndices(state: EngineState, rows: readonly number[]): number[] {
  if (rows.length === 0) return Array.from({ length: state.records.length }, (_, i) => i);
  const seen = new Set<number>();
  for (const row of rows) {
    const list = rowMessages(state, row);
    for (let i = 0; i < list.length; i++) seen.add(list[i]!);
  }
  return [...seen].sort((a, b) => a - b);
}

export function isNoise(record: MessageRecord): boolean {
  const f = record.facts;
  const method = f.kind === 'request' ? f.method : f.cseqMethod;
  return method !== undefined && NOISE_METHODS.has(method.toUpperCase());
}

function stepView(state: EngineState, ctx: ExplainContext, label: NodeLabeler, index: number, first: MessageRecord, locale: Locale): StepView {
  const r = state.records[index]!;
  const f = r.facts;
  const request = f.kind === 'request';
  const text = request ? `${f.method ?? '?'} ${f.requestUri ?? ''}` : `${f.statusCode ?? '?'} ${f.reasonPhrase ?? ''}`;
  return {
    index, frame: r.frame, offsetMs: diffMs(first.timestamp, r.timestamp),
    from: clip(label(r.src, column(state, 'srcNode', index)), 80), to: clip(label(r.dst, column(state, 'dstNode', index)), 80),
    src: formatEndpoint(r.src), dst: formatEndpoint(r.dst), request,
    method: clip(f.method ?? f.cseqMethod ?? '', 40), statusCode: f.statusCode ?? 0, label: clip(text.trim(), 200),
    transport: r.transport.toUpperCase(), retransmission: column(state, 'retransmissionOf', index) >= 0,
    dialog: column(state, 'dialog', index), sdp: f.sdp !== undefined, noise: isNoise(r),
    explanations: explainMessage(ctx, index).lines.map((line) => ({
      text: clip(renderExplanationLine(line, locale, false), 2000), ref: line.ref,
    })),
  };
}

/** A page of the step-through; `ready: false` until the capture is correlated (explanations need the model). */
export function buildStepsPage(state: EngineState, query: StepsQuery): StepsPage {
  const model = state.final?.model;
  const base = { session: state.session, generation: state.generation, offset: query.offset };
  if (model === undefined) return { ...base, ready: false, total: 0, truncated: false, steps: [] };
  const indices = stepIndices(state, query.rows);
  const truncated = indices.length > MAX_STEP_MESSAGES;
  const total = Math.min(indices.length, MAX_STEP_MESSAGES);
  const first = state.records[indices[0] ?? -1];
  const steps: StepView[] = [];
  if (first !== undefined) {
    const ctx = contextFor(state, model);
    const label = nodeLabeler(query.nodes, model);
    const end = Math.min(total, query.offset + query.limit);
    for (let k = query.offset; k < end; k++) steps.push(stepView(state, ctx, label, indices[k]!, first, query.locale));
  }
  return { ...base, ready: true, total, truncated, steps };
}
