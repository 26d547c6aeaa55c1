import { Correlator } from './core/src/correlate/correlator.ts';
import { Flow } from './core/src/correlate/testFlows.ts';
import { responseTo, type MessageSpec } from './core/src/correlate/testMessages.ts';
import { analyze } from './core/src/analyze/analyze.ts';
import { selectLadder } from './core/src/export/exportSource.ts';
import { ladderTexts } from './core/src/export/ladder/ladderTexts.ts';
import { toTextLadder } from './core/src/export/index.ts';
const f = new Flow();
const N = 25000;
for (let i = 0; i < N; i++) {
  const inv: MessageSpec = { start: 'INVITE sip:b@10.2.0.2', via: [`10.2.0.1:5060;branch=z9hG4bK-big${i}`], maxForwards: 70, from: `<sip:a@d>;tag=${i}`, to: '<sip:b@d>', callId: `big-${i}`, cseq: '1 INVITE', contact: '<sip:a@10.2.0.1>' };
  f.send(inv, '10.2.0.1:5060', '10.2.0.2:5060');
  f.send(responseTo(inv, '486 Busy Here', { toTag: 't' }), '10.2.0.2:5060', '10.2.0.1:5060');
}
const records = f.records;
const c = new Correlator(); c.addAll(records); const model = c.finish(); const lookup = (i: number) => records[i];
const src = { model, lookup, analysis: analyze(model, lookup) };
let t = performance.now(); const { ladder } = selectLadder(src, []); console.log('select', Math.round(performance.now() - t));
t = performance.now(); ladderTexts(src, ladder, { hops: false }); console.log('texts', Math.round(performance.now() - t));
t = performance.now(); ladderTexts(src, ladder, { hops: true }); console.log('texts+hops', Math.round(performance.now() - t));
t = performance.now(); toTextLadder(src, [], { width: 120 }); console.log('text', Math.round(performance.now() - t));
