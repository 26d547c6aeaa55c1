/**
 * Parameter records (name → value) built from untrusted text. Plain objects keep V8 in fast mode
 * (null-prototype objects start as slow dictionaries); "__proto__" is refused so input cannot reach
 * the prototype, and the first occurrence of a name wins. Common names are swapped for literal
 * strings first: a property store with a literal key skips the engine's string-table lookup.
 */

/** Shared, frozen: for values that have no parameters at all. */
export const NO_PARAMETERS: Readonly<Record<string, string>> = Object.freeze({});

/** Parameter names of RFC 3261 §20/§25.1, RFC 3581, RFC 5626 and RFC 3326 that occur in nearly every message. */
function commonName(name: string): string {
  switch (name.length) {
    case 1: return name === 'q' ? 'q' : name;
    case 2: return name === 'lr' ? 'lr' : name === 'ob' ? 'ob' : name === 'gr' ? 'gr' : name;
    case 3: return name === 'tag' ? 'tag' : name === 'ttl' ? 'ttl' : name;
    case 4: return name === 'user' ? 'user' : name === 'text' ? 'text' : name;
    case 5: return name === 'rport' ? 'rport' : name === 'maddr' ? 'maddr' : name === 'cause' ? 'cause' : name;
    case 6: return name === 'branch' ? 'branch' : name === 'method' ? 'method' : name === 'reg-id' ? 'reg-id' : name;
    case 7: return name === 'expires' ? 'expires' : name === 'charset' ? 'charset' : name;
    case 8: return name === 'received' ? 'received' : name === 'boundary' ? 'boundary' : name === 'handling' ? 'handling' : name;
    case 9: return name === 'transport' ? 'transport' : name;
    default: return name;
  }
}

/** Adds name=value unless the name is already there (own property) or is "__proto__". */
export function addParameter(record: Record<string, string>, name: string, value: string): void {
  const key = commonName(name);
  if (key === '__proto__' || Object.hasOwn(record, key)) return;
  record[key] = value;
}
