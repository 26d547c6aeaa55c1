/**
 * For tests: a call whose header values try to break every export — HTML/SVG markup (`<script>`, `"`,
 * `-->`), Mermaid syntax (`;`, `#`, `%%`, `%%{init}%%`, `end`, `wrap:`), terminal escapes (ESC, bidi
 * override), a NUL and a very long value — through a proxy, plus a
 * retransmitted INVITE and a message a node sends to itself. Built with the testkit's flow builder.
 */
import { buildFlow } from '../../testkit/flow/index.ts';
import type { BuiltFlow } from '../../testkit/flow/index.ts';

export const HOSTILE_REASON = 'Busy <script>alert("x")</script> --> %% end; #59; & \u001b[31m \u202e evil %%{init: {"theme":"dark"}}%%';
export const LONG_VALUE = 'x'.repeat(3000);

const CALLER = '192.0.2.10:5060';
const PROXY = '192.0.2.20:5060';
const CALLEE = '192.0.2.30:5060';

const invite = (via: string[], maxForwards: number, requestUri: string, extra: string[] = []) => `INVITE ${requestUri} SIP/2.0
${via.map((v) => `Via: ${v}`).join('\n')}
Max-Forwards: ${maxForwards}
From: "<script>alert(1)</script> %% end" <sip:alice@example.com>;tag=h1
To: <sip:bob@example.com>
Call-ID: hostile-1@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:alice@192.0.2.10>
${extra.join('\n')}
Content-Type: application/sdp

v=0
o=- 1 1 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 4000 RTP/AVP 0
a=rtpmap:0 PCMU/8000
`.replace(/\n\n\n/g, '\n\n');

const response = (status: string, via: string[], extra: string[] = []) => `SIP/2.0 ${status}
${via.map((v) => `Via: ${v}`).join('\n')}
From: "<script>alert(1)</script> %% end" <sip:alice@example.com>;tag=h1
To: <sip:bob@example.com>;tag=b1
Call-ID: hostile-1@192.0.2.10
CSeq: 1 INVITE
${extra.join('\n')}
`;

const VIA_CALLER = 'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-h1;x="<script>;%%end-->"';
const VIA_PROXY = `SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-p1;long=${LONG_VALUE}`;
/** The same entry as the callee echoes it, with a NUL written into a parameter. */
const VIA_PROXY_NUL = `${VIA_PROXY};nul=a\u0000b`;

export function hostileCapture(): BuiltFlow {
  return buildFlow({
    nodes: { caller: CALLER, proxy: PROXY, callee: CALLEE },
    messages: [
      { from: 'caller', to: 'proxy', at: 0, text: invite([VIA_CALLER], 70, 'sip:bob@example.com', ['Route: <sip:192.0.2.20;lr;x="end;%%">']) },
      { from: 'caller', to: 'proxy', at: 0.5, text: invite([VIA_CALLER], 70, 'sip:bob@example.com', ['Route: <sip:192.0.2.20;lr;x="end;%%">']) },
      {
        from: 'proxy', to: 'callee', at: 0.51,
        text: invite([VIA_PROXY, VIA_CALLER], 69, 'sip:bob@192.0.2.30', ['Record-Route: <sip:192.0.2.20;lr;n="--><script>x</script>">']),
      },
      { from: 'callee', to: 'proxy', at: 0.6, text: response(`486 ${HOSTILE_REASON}`, [VIA_PROXY_NUL, VIA_CALLER], ['Reason: Q.850;cause=17;text="<b>end</b>"']) },
      { from: 'proxy', to: 'caller', at: 0.61, text: response(`486 ${HOSTILE_REASON}`, [VIA_CALLER]) },
      {
        from: 'proxy', to: 'proxy', at: 0.7, text: `OPTIONS sip:${LONG_VALUE}@192.0.2.20 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-self
Max-Forwards: 70
From: <sip:probe@192.0.2.20>;tag=s1
To: <sip:probe@192.0.2.20>
Call-ID: self-1@192.0.2.20
CSeq: 1 OPTIONS
`,
      },
    ],
  });
}
