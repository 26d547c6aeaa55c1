import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base64 of a bundled capture', () => {
  it('encodes the test vectors of RFC 4648 §10', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(ascii(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(ascii(plain));
    }
  });

  it('encodes every byte value as the platform does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64(all)).toBe(Buffer.from(all).toString('base64'));
  });

  it('gives back the same bytes, whatever they are', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const text = encodeBase64(bytes);
      return text === Buffer.from(bytes).toString('base64') && Buffer.from(decodeBase64(text)!).equals(Buffer.from(bytes));
    }), { numRuns: 300 });
  });

  it('refuses a cut text, stray characters and non-canonical padding instead of guessing', () => {
    // "Zm9v" cut by one character; '!' is not in the alphabet; "Zh==" has bits under its padding; "Z===" pads too much.
    for (const bad of ['Zm9', 'Zm9!', 'Zh==', 'Z===', '=Zm9', 'Zm9vé===', 'Zm 9v', 'Zg=A']) expect(decodeBase64(bad), bad).toBeUndefined();
  });

  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      const bytes = decodeBase64(text);
      return bytes === undefined || encodeBase64(bytes) === text;
    }), { numRuns: 500 });
  });
});
