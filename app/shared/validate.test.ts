import { describe, expect, it } from 'vitest';
import { arrayOf, bool, bytes, ContractError, int, object, oneOf, str, tuple } from './validate.ts';

describe('boundary checkers', () => {
  it('accept well-formed values and return them', () => {
    expect(int(0, 10)(7, 'n')).toBe(7);
    expect(bool(true, 'b')).toBe(true);
    expect(str(5)('abc', 's')).toBe('abc');
    expect(oneOf(['a', 'b'] as const)('b', 'e')).toBe('b');
    expect(arrayOf(int(0, 9), 3)([1, 2], 'a')).toEqual([1, 2]);
    expect(object<{ x: number }>({ x: int(0, 1) })({ x: 1 }, 'o')).toEqual({ x: 1 });
    expect(tuple<[number, string]>(int(0, 1), str(3))([1, 'ab'], 'args')).toEqual([1, 'ab']);
  });

  it('refuse wrong types, out-of-range numbers and non-integers, naming the path', () => {
    expect(() => int(0, 10)(11, 'query.limit')).toThrow(/query\.limit: expected an integer in \[0, 10\]/);
    expect(() => int(0, 10)(1.5, 'n')).toThrow(ContractError);
    expect(() => int(0, 10)(NaN, 'n')).toThrow(ContractError);
    expect(() => int(0, 10)('3', 'n')).toThrow(ContractError);
    expect(() => bool('true', 'b')).toThrow(ContractError);
    expect(() => oneOf(['a'])('c', 'e')).toThrow(/one of a/);
  });

  it('refuse strings that are too long, empty when they must not be, or hold NUL', () => {
    expect(() => str(3)('abcd', 's')).toThrow(/at most 3/);
    expect(() => str(3)('', 's')).toThrow(/non-empty/);
    expect(str(3, { allowEmpty: true })('', 's')).toBe('');
    expect(() => str(10)('a\0b', 'path')).toThrow(/NUL/);
  });

  it('refuse unexpected keys, class instances and arrays where objects are expected', () => {
    const check = object<{ x: number }>({ x: int(0, 1) });
    expect(() => check({ x: 1, y: 2 }, 'o')).toThrow(/unexpected key 'y'/);
    expect(() => check(new Date(), 'o')).toThrow(/plain object/);
    expect(() => check([1], 'o')).toThrow(ContractError);
    expect(() => check(null, 'o')).toThrow(ContractError);
    expect(() => check({}, 'o')).toThrow(/o\.x/);
  });

  it('refuse argument lists of the wrong length and arrays outside their bounds', () => {
    expect(() => tuple<[number]>(int(0, 1))([], 'args')).toThrow(/1 argument/);
    expect(() => tuple<[number]>(int(0, 1))([1, 2], 'args')).toThrow(ContractError);
    expect(() => arrayOf(int(0, 9), 2)([1, 2, 3], 'a')).toThrow(ContractError);
    expect(() => arrayOf(int(0, 9), 2, 1)([], 'a')).toThrow(ContractError);
    expect(() => arrayOf(int(0, 9), 2)([1, 'x'], 'a')).toThrow(/a\[1\]/);
  });

  it('accept bytes only as a Uint8Array within the size limit', () => {
    expect(bytes(4)(new Uint8Array(4), 'b').length).toBe(4);
    expect(() => bytes(4)(new Uint8Array(5), 'b')).toThrow(ContractError);
    expect(() => bytes(4)([1, 2], 'b')).toThrow(ContractError);
  });
});
