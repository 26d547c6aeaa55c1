/**
 * Argument checks of the classroom channels (ipcContract.ts lists them): lesson names are folder names
 * (no path separators, no "..": the page never names a file), locales are the four shipped languages.
 */
import { LOCALES, type Locale } from '../../core/src/explain/i18n/locale.ts';
import type { StepsQuery } from './classroomTypes.ts';
import { MAX_STEPS_PAGE } from './classroomTypes.ts';
import { arrayOf, type Check, ContractError, int, object, oneOf, str } from './validate.ts';

const MAX_INDEX = 2 ** 31 - 1;
const MAX_NODE_NAMES = 100;

export const locale: Check<Locale> = oneOf(LOCALES);

/** A library lesson's name: its folder, e.g. "trapezoid-two-proxies". */
export const lessonId: Check<string> = (value, path) => {
  const id = str(100)(value, path);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id) || id.includes('..')) throw new ContractError(`${path}: expected a lesson name (letters, digits, '-', '_', '.')`);
  return id;
};

/** Names of a lesson's nodes: a small plain object of short strings. */
export const nodeNames: Check<Record<string, string>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new ContractError(`${path}: expected an object of node names`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_NODE_NAMES) throw new ContractError(`${path}: at most ${MAX_NODE_NAMES} node names`);
  // fromEntries defines own properties: a "__proto__" key stays a key instead of replacing the prototype.
  return Object.fromEntries(entries.map(([name, endpoint]) => [str(80)(name, `${path} key`), str(200)(endpoint, `${path}.${name.slice(0, 40)}`)]));
};

export const stepsQuery: Check<StepsQuery> = object<StepsQuery>({
  session: int(0, MAX_INDEX),
  locale,
  rows: arrayOf(int(0, MAX_INDEX), 50),
  offset: int(0, MAX_INDEX),
  limit: int(1, MAX_STEPS_PAGE),
  nodes: nodeNames,
});

/** A header or parameter name to look up in the glossary ("Via", "v", "branch"). */
export const glossaryName: Check<string> = str(80);
