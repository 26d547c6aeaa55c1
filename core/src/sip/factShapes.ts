/** Turns typed header values (SipVia, SipNameAddr) into the compact fact shapes of sipFacts.ts. */
import type { SipNameAddr } from './nameAddr.ts';
import { NO_PARAMETERS } from './parameterRecord.ts';
import type { NameAddrFacts, ViaFacts } from './sipFacts.ts';
import type { SipVia } from './via.ts';


export function toViaFacts(via: SipVia): ViaFacts {
  const facts: { -readonly [K in keyof ViaFacts]: ViaFacts[K] } = { transport: via.transport, host: via.host, raw: via.raw };
  if (via.port !== undefined) facts.port = via.port;
  if (via.branch !== undefined) facts.branch = via.branch;
  if (via.received !== undefined) facts.received = via.received;
  if (via.rport !== undefined) facts.rport = via.rport;
  if (via.maddr !== undefined) facts.maddr = via.maddr;
  if (via.ttl !== undefined) facts.ttl = via.ttl;
  return facts;
}

export function toNameAddrFacts(nameAddr: SipNameAddr): NameAddrFacts {
  const facts: { -readonly [K in keyof NameAddrFacts]: NameAddrFacts[K] } = {
    uri: nameAddr.uriText,
    uriParameters: NO_PARAMETERS,
    parameters: nameAddr.parameters,
    raw: nameAddr.raw,
  };
  if (nameAddr.displayName !== undefined) facts.displayName = nameAddr.displayName;
  const uri = nameAddr.uri;
  if (uri?.kind === 'sip') {
    if (uri.user !== undefined) facts.user = uri.user;
    facts.host = uri.host;
    if (uri.port !== undefined) facts.port = uri.port;
    facts.uriParameters = uri.parameters;
  } else if (uri?.kind === 'tel') {
    facts.user = uri.number;
    facts.uriParameters = uri.parameters;
  }
  const tag = nameAddr.parameters.tag;
  if (tag !== undefined) facts.tag = tag;
  return facts;
}
