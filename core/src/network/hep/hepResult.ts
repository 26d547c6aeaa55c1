/** What decoding one HEP packet gives, shared by the HEPv2 and HEPv3 decoders. */
import type { Issue } from '../../shared/issue.ts';
import type { Transport } from '../../shared/endpoint.ts';
import type { Timestamp } from '../../shared/time.ts';
import type { DatagramUnit } from '../transportUnit.ts';

export interface HepContext {
  /** Frames that carried the HEP packet itself. */
  readonly frames: readonly number[];
  /** Capture time of the carrying frame; used when HEP carries no time of its own. */
  readonly timestamp: Timestamp;
  /** Encapsulation outside HEP (e.g. from the carrying UDP datagram). */
  readonly encapsulation: readonly string[];
}

export interface HepDecodeResult {
  /** The encapsulated SIP message, with the ORIGINAL addresses and time HEP recorded. */
  readonly unit?: DatagramUnit;
  /** HEP protocol type (chunk 0x000b; 1 = SIP), when known. */
  readonly payloadType?: number;
  /** For non-SIP payloads: 'hep-rtcp', 'hep-log', `hep-type-N`. */
  readonly other?: string;
  readonly issues: Issue[];
}

/** HEP "protocol type" values (HEPv3 spec, chunk 0x000b). */
export const HEP_TYPE_SIP = 1;

export function otherPayloadName(payloadType: number): string {
  if (payloadType === 5) return 'hep-rtcp';
  if (payloadType === 100) return 'hep-log';
  return `hep-type-${payloadType}`;
}

/**
 * IP protocol of the original packet → SIP transport. 22 (IDP) is how Kamailio's sipcapture marks TLS
 * ("fake protocol"), since the decrypted SIP would otherwise look like plain TCP.
 */
export function transportOfIpProtocol(ipProtocol: number | undefined): Transport | undefined {
  switch (ipProtocol) {
    case 17: return 'udp';
    case 6: return 'tcp';
    case 132: return 'sctp';
    case 22: return 'tls';
    default: return undefined;
  }
}
