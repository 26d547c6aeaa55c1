import { describe, expect, it } from 'vitest';
import { isSafeAttribute, visibleText } from './dom.ts';

describe('the renderer’s DOM rules', () => {
  it('allow only attributes that cannot run or load anything', () => {
    for (const name of ['class', 'id', 'aria-label', 'role', 'title', 'data-index']) expect(isSafeAttribute(name)).toBe(true);
    for (const name of ['onclick', 'onerror', 'href', 'src', 'style', 'srcdoc', 'formaction', 'xlink:href', 'action']) expect(isSafeAttribute(name)).toBe(false);
  });

  it('write control characters as visible escapes instead of swallowing them', () => {
    expect(visibleText('nul[\u0000] esc[\u001b] del[\u007f] tab[\t]')).toBe('nul[\\x00] esc[\\x1b] del[\\x7f] tab[\t]');
    expect(visibleText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
