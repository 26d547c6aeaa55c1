/** "1 row", "2 rows", "1,234 messages": a count with its noun, in English as the rest of the top bar. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
