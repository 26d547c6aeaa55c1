/**
 * Saving an authored lesson from the open session (the `buildLessonBundle` channel): the step-through's
 * messages (getSteps, as the page saw them), the frames of its rows (exportCalls' pcap, the frames copied
 * byte for byte from the capture read again — every row of the capture for a whole-capture step-through),
 * then the pure assembly. Runs beside the worker, through the queries it already answers.
 */
import { decodeBase64 } from '../../core/src/shared/base64.ts';
import type { CallListPage, CallListQuery, ExportRequest, ExportResult } from '../shared/apiTypes.ts';
import { MAX_STEPS_PAGE, type StepsPage, type StepsQuery, type StepView } from '../shared/classroomTypes.ts';
import { assembleLessonBundle, refusedBundle } from './lessonAuthoring.ts';
import type { LessonBundleRequest, LessonBundleResult } from './lessonAuthoringTypes.ts';

/** The worker queries the save needs (AnalysisBackend.query in the app, an in-thread session in tests). */
export interface AuthoringQueries {
  getSteps(query: StepsQuery): Promise<StepsPage>;
  listCalls(query: CallListQuery): Promise<CallListPage>;
  exportCalls(request: ExportRequest): Promise<ExportResult>;
}

export interface AuthoringOptions {
  generator: string;
  now?: () => Date;
  secret?: string | Uint8Array;
}

export async function buildLessonBundle(q: AuthoringQueries, request: LessonBundleRequest, options: AuthoringOptions): Promise<LessonBundleResult> {
  const steps: StepView[] = [];
  for (let offset = 0; ;) {
    const page = await q.getSteps({ session: request.session, locale: 'en', rows: request.rows, offset, limit: MAX_STEPS_PAGE, nodes: {} });
    if (page.session !== request.session) return refusedBundle('not saved: another capture was opened since the lesson was written on this one');
    if (!page.ready) return refusedBundle('not saved: the capture is still being analysed, save again in a moment');
    steps.push(...page.steps);
    offset += page.steps.length;
    if (offset >= page.total || page.steps.length === 0) break;
  }
  let rows = request.rows;
  if (rows.length === 0) {
    const all = await q.listCalls({ offset: 0, limit: 1, sort: 'start', descending: false, filter: '', hide: '' });
    rows = Array.from({ length: all.unfiltered }, (_, i) => i);
  }
  if (rows.length === 0) return refusedBundle('not saved: the capture has no SIP message');
  let format: 'pcap' | 'pcapng' = 'pcap';
  const exportOf = (kind: 'pcap' | 'pcapng') => q.exportCalls({ kind, rows, records: null, merge: 'node', fold: false, hops: false, time: 'abs' });
  let exported = await exportOf(format);
  // Frames of several link types do not fit one classic pcap: pcapng keeps an interface per link.
  if (!exported.ok && /pcapng/.test(exported.message)) exported = await exportOf((format = 'pcapng'));
  if (!exported.ok || exported.base64 === null) return refusedBundle(`not saved: ${exported.message}`);
  const capture = decodeBase64(exported.base64);
  if (capture === undefined) return refusedBundle('not saved: the copied capture arrived damaged');
  return assembleLessonBundle({
    capture, format, steps, request, generator: options.generator, created: (options.now?.() ?? new Date()).toISOString(),
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
  });
}
