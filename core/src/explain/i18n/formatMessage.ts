/**
 * Message templates with named parameters: "Max-Forwards {before} → {after}". A parameter the caller
 * does not give stays visible as "{name}" (a bug shows instead of vanishing); "{{" and "}}" are braces.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0]!;
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The parameter names a template uses, sorted and without repeats (for the catalogue consistency test). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (m[1] !== undefined) names.add(m[1]);
  return [...names].sort();
}
