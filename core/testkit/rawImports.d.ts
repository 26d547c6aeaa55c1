/** Vite/vitest `?raw` imports of expected-data text files (tests only). */
declare module '*.tsv?raw' {
  const text: string;
  export default text;
}
