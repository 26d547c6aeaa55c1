/**
 * The glossary's terms: SIP header names (with their RFC 3261 §7.3.3 compact forms) and the header
 * parameters a ladder shows (tag, branch, received, rport, lr). Texts per language live in glossary{En,…}.ts.
 */
export const GLOSSARY_TERMS = {
  'Via': { kind: 'header', compact: 'v', ref: 'RFC 3261 §20.42, §8.1.1.7' },
  'From': { kind: 'header', compact: 'f', ref: 'RFC 3261 §20.20, §8.1.1.3' },
  'To': { kind: 'header', compact: 't', ref: 'RFC 3261 §20.39, §8.1.1.2' },
  'Call-ID': { kind: 'header', compact: 'i', ref: 'RFC 3261 §20.8, §8.1.1.4' },
  'CSeq': { kind: 'header', ref: 'RFC 3261 §20.16, §8.1.1.5' },
  'Contact': { kind: 'header', compact: 'm', ref: 'RFC 3261 §20.10, §8.1.1.8' },
  'Max-Forwards': { kind: 'header', ref: 'RFC 3261 §20.22, §8.1.1.6' },
  'Record-Route': { kind: 'header', ref: 'RFC 3261 §20.30, §16.6' },
  'Route': { kind: 'header', ref: 'RFC 3261 §20.34, §12.2.1.1' },
  'Content-Length': { kind: 'header', compact: 'l', ref: 'RFC 3261 §20.14' },
  'Content-Type': { kind: 'header', compact: 'c', ref: 'RFC 3261 §20.15' },
  'Expires': { kind: 'header', ref: 'RFC 3261 §20.19, §10.2.1.1' },
  'Min-Expires': { kind: 'header', ref: 'RFC 3261 §20.23, §10.3' },
  'Authorization': { kind: 'header', ref: 'RFC 3261 §20.7, §22.2' },
  'WWW-Authenticate': { kind: 'header', ref: 'RFC 3261 §20.44, §22.2' },
  'Proxy-Authenticate': { kind: 'header', ref: 'RFC 3261 §20.27, §22.3' },
  'Proxy-Authorization': { kind: 'header', ref: 'RFC 3261 §20.28, §22.3' },
  'Reason': { kind: 'header', ref: 'RFC 3326 §2' },
  'Warning': { kind: 'header', ref: 'RFC 3261 §20.43' },
  'User-Agent': { kind: 'header', ref: 'RFC 3261 §20.41' },
  'Server': { kind: 'header', ref: 'RFC 3261 §20.35' },
  'Allow': { kind: 'header', ref: 'RFC 3261 §20.5' },
  'Supported': { kind: 'header', compact: 'k', ref: 'RFC 3261 §20.37' },
  'Require': { kind: 'header', ref: 'RFC 3261 §20.32' },
  'Subject': { kind: 'header', compact: 's', ref: 'RFC 3261 §20.36' },
  'Event': { kind: 'header', compact: 'o', ref: 'RFC 6665 §8.2.1' },
  'Refer-To': { kind: 'header', compact: 'r', ref: 'RFC 3515 §2.1' },
  'Replaces': { kind: 'header', ref: 'RFC 3891 §6.1' },
  'Session-Expires': { kind: 'header', compact: 'x', ref: 'RFC 4028 §4' },
  'P-Asserted-Identity': { kind: 'header', ref: 'RFC 3325 §9.1' },
  'RSeq': { kind: 'header', ref: 'RFC 3262 §7.1' },
  'RAck': { kind: 'header', ref: 'RFC 3262 §7.2' },
  'tag': { kind: 'parameter', ref: 'RFC 3261 §19.3' },
  'branch': { kind: 'parameter', ref: 'RFC 3261 §8.1.1.7, §17.2.3' },
  'received': { kind: 'parameter', ref: 'RFC 3261 §18.2.1' },
  'rport': { kind: 'parameter', ref: 'RFC 3581 §4' },
  'lr': { kind: 'parameter', ref: 'RFC 3261 §19.1.1, §16.4' },
} as const satisfies Record<string, { kind: 'header' | 'parameter'; compact?: string; ref: string }>;

export type GlossaryTerm = keyof typeof GLOSSARY_TERMS;

export type GlossaryTexts = Readonly<Record<GlossaryTerm, string>>;
