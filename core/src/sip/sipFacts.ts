/**
 * The compact, typed summary of one SIP message that correlation and analysis work from.
 * Extracted once from a parsed message (`extractSipFacts`); the raw text stays with the message.
 * Absent or malformed values are undefined (the message's issues say which).
 */
export interface ViaFacts {
  /** e.g. "SIP/2.0/UDP" → transport "UDP" (upper-case as written). */
  readonly transport: string;
  /** sent-by host (IPv6 without brackets) and port (undefined when not written). */
  readonly host: string;
  readonly port?: number;
  readonly branch?: string;
  readonly received?: string;
  /** rport: undefined = absent, null = present without value (request), number = filled in (response). */
  readonly rport?: number | null;
  readonly maddr?: string;
  readonly ttl?: number;
  /** The entry exactly as written (for display). */
  readonly raw: string;
}

export interface NameAddrFacts {
  readonly displayName?: string;
  /** The URI as written, e.g. "sip:alice@atlanta.com;transport=tcp". */
  readonly uri: string;
  /** user part of a sip/sips URI or the number of a tel URI. */
  readonly user?: string;
  readonly host?: string;
  readonly port?: number;
  readonly tag?: string;
  /** URI parameters (lower-case names), e.g. { lr: '' , transport: 'tcp' }. */
  readonly uriParameters: Readonly<Record<string, string>>;
  /** header parameters after the name-addr (lower-case names). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly raw: string;
}

export interface SdpFacts {
  /** Connection address of the session or first media. */
  readonly connectionAddress?: string;
  readonly media: readonly {
    readonly type: string;
    readonly port: number;
    readonly protocol: string;
    readonly connectionAddress?: string;
    /** Codec names in offer order, e.g. ["PCMU/8000", "telephone-event/8000"]. */
    readonly codecs: readonly string[];
    /** sendrecv | sendonly | recvonly | inactive (media-level, else session-level, else sendrecv). */
    readonly direction: string;
  }[];
}

export interface SipFacts {
  readonly kind: 'request' | 'response';
  readonly method?: string;
  readonly requestUri?: string;
  readonly statusCode?: number;
  readonly reasonPhrase?: string;
  readonly callId?: string;
  readonly cseqNumber?: number;
  readonly cseqMethod?: string;
  /** Every Via entry in order, top first (multi-value headers and repeated Via lines flattened). */
  readonly vias: readonly ViaFacts[];
  readonly from?: NameAddrFacts;
  readonly to?: NameAddrFacts;
  readonly contacts: readonly NameAddrFacts[];
  readonly recordRoutes: readonly NameAddrFacts[];
  readonly routes: readonly NameAddrFacts[];
  readonly maxForwards?: number;
  readonly expires?: number;
  readonly minExpires?: number;
  /** Reason header(s) as written (e.g. 'Q.850;cause=16;text="Normal call clearing"'). */
  readonly reasons: readonly string[];
  readonly contentType?: string;
  /** Declared Content-Length (undefined when absent). */
  readonly contentLength?: number;
  readonly bodyLength: number;
  readonly userAgent?: string;
  readonly server?: string;
  readonly sdp?: SdpFacts;
  /**
   * Headers correlation needs that have no field of their own, lower-case names, first value as written:
   * x-call-id, x-cid, x-orig-call-id, replaces, refer-to, referred-by, rseq, rack, event, subscription-state,
   * p-asserted-identity, session-expires.
   */
  readonly extraHeaders?: Readonly<Record<string, string>>;
}
