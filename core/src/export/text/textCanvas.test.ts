import { describe, expect, it } from 'vitest';
import { TextCanvas } from './textCanvas.ts';

describe('the character canvas', () => {
  it('writes text and trims trailing blanks', () => {
    const c = new TextCanvas(10, 2);
    c.text(2, 0, 'INVITE');
    c.put(0, 1, '│');
    expect(c.lines()).toEqual(['  INVITE', '│']);
  });

  it('gives wide characters two cells and joins combining marks to the cell before', () => {
    const c = new TextCanvas(8, 1);
    c.text(0, 0, '呼叫e\u0301|');
    expect(c.lines()).toEqual(['呼叫e\u0301|']);
    const again = new TextCanvas(8, 1);
    again.text(0, 0, '呼叫');
    // Overwriting the second half of 呼 blanks its first half: the columns stay where they were.
    again.put(1, 0, '│');
    expect(again.lines()).toEqual([' │叫']);
  });

  it('ignores writes outside and cuts text at its right edge', () => {
    const c = new TextCanvas(4, 1);
    c.put(-1, 0, 'x');
    c.put(0, 5, 'x');
    c.text(2, 0, 'abcdef');
    expect(c.lines()).toEqual(['  ab']);
  });

  it('colours runs of one style with SGR codes and resets after them', () => {
    const c = new TextCanvas(10, 1);
    c.text(0, 0, 'ab', 1);
    c.text(3, 0, 'cd', 2);
    // Blanks keep the style they follow, so a label such as "180 Ringing" is one run.
    expect(c.lines(['', '31', '32'])).toEqual(['\u001b[31mab \u001b[0m\u001b[32mcd\u001b[0m']);
  });

  it('blanks itself on reset, reusing its lines', () => {
    const c = new TextCanvas(5, 3);
    c.text(0, 2, 'xyz');
    c.reset(2);
    expect(c.height).toBe(2);
    expect(c.lines()).toEqual(['', '']);
  });
});
