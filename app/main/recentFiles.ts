/**
 * Recently opened captures (at most 10, newest first), kept as JSON in the app's user-data folder. The
 * renderer only ever sees names and ids; paths stay in the main process, so a compromised page cannot
 * make the app open an arbitrary path through this list.
 */
import { basename } from 'node:path';
import type { RecentFile } from '../shared/apiTypes.ts';

export interface RecentStore {
  read(): string | undefined;
  write(text: string): void;
}

const MAX_RECENT = 10;

export class RecentFiles {
  private paths: string[];

  constructor(private readonly store: RecentStore) {
    this.paths = RecentFiles.parse(store.read());
  }

  static parse(text: string | undefined): string[] {
    if (text === undefined) return [];
    try {
      const value: unknown = JSON.parse(text);
      if (!Array.isArray(value)) return [];
      return value.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0')).slice(0, MAX_RECENT);
    } catch {
      return [];
    }
  }

  add(path: string): void {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, MAX_RECENT);
    try {
      this.store.write(JSON.stringify(this.paths));
    } catch {
      // A read-only profile: the list lasts for this run.
    }
  }

  list(): RecentFile[] {
    return this.paths.map((p, id) => ({ id, name: basename(p) }));
  }

  pathOf(id: number): string | undefined {
    return this.paths[id];
  }
}
