/** The fixture builder's public surface: describe a SIP flow, get a pcap/pcapng capture of it. */
export { buildFlow } from './buildFlow.ts';
export { buildFlowFile } from './buildFlowFile.ts';
export { parseFlowText } from './parseFlowText.ts';
export { normaliseSipText } from './sipText.ts';
export { FlowError } from './flowTypes.ts';
export type {
  BuiltFlow,
  BuiltFrame,
  BuiltMessage,
  FlowBytes,
  FlowDescription,
  FlowFrameStep,
  FlowMessage,
  FlowStep,
  FlowTransport,
  FrameRole,
  HepOptions,
  LinkName,
  VlanSpec,
  VlanTag,
} from './flowTypes.ts';
