/** Network byte order reads on a Uint8Array (callers have checked the length; no DataView per header). */

export function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

export function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** `0x86dd` style: four lower-case hex digits. */
export function hex16(value: number): string {
  return '0x' + value.toString(16).padStart(4, '0');
}
