/** Builds a capture from flow source text: JSON (starts with `{`) or the `.flow` text format. */
import { buildFlow } from './buildFlow.ts';
import { FlowError, type BuiltFlow, type FlowDescription } from './flowTypes.ts';
import { parseFlowText } from './parseFlowText.ts';

export function buildFlowFile(text: string): BuiltFlow {
  if (text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new FlowError(`flow JSON does not parse: ${(e as Error).message}`);
    }
    return buildFlow(parsed as FlowDescription);
  }
  return buildFlow(parseFlowText(text));
}
