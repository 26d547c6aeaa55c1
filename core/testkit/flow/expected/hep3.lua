-- Minimal HEPv3 dissector used ONLY as a development oracle for the fixture builder (tshark 4.0 has
-- no HEP dissector). Walks the chunks generically (vendor, type, length incl. 6-byte header) and hands
-- payload chunk 0x000f to Wireshark's SIP dissector. UDP and TCP port 9060; TCP PDUs are reassembled.
local hep3 = Proto("hep3t", "HEPv3 (testkit oracle)")
local f = {
  family = ProtoField.uint8("hep3t.family", "IP family"),
  ipproto = ProtoField.uint8("hep3t.ipproto", "IP protocol"),
  src4 = ProtoField.ipv4("hep3t.src4", "Source IPv4"),
  dst4 = ProtoField.ipv4("hep3t.dst4", "Destination IPv4"),
  src6 = ProtoField.ipv6("hep3t.src6", "Source IPv6"),
  dst6 = ProtoField.ipv6("hep3t.dst6", "Destination IPv6"),
  srcport = ProtoField.uint16("hep3t.srcport", "Source port"),
  dstport = ProtoField.uint16("hep3t.dstport", "Destination port"),
  sec = ProtoField.uint32("hep3t.ts_sec", "Timestamp seconds"),
  usec = ProtoField.uint32("hep3t.ts_usec", "Timestamp microseconds"),
  ptype = ProtoField.uint8("hep3t.proto_type", "Protocol type"),
  agent = ProtoField.uint32("hep3t.agent_id", "Capture agent id"),
}
hep3.fields = { f.family, f.ipproto, f.src4, f.dst4, f.src6, f.dst6, f.srcport, f.dstport, f.sec, f.usec, f.ptype, f.agent }
local by_type = { [1] = f.family, [2] = f.ipproto, [3] = f.src4, [4] = f.dst4, [5] = f.src6, [6] = f.dst6,
  [7] = f.srcport, [8] = f.dstport, [9] = f.sec, [10] = f.usec, [11] = f.ptype, [12] = f.agent }

local function dissect_one(tvb, pinfo, tree)
  local total = tvb(4, 2):uint()
  local t = tree:add(hep3, tvb(0, total))
  local off = 6
  while off + 6 <= total do
    local ctype = tvb(off + 2, 2):uint()
    local clen = tvb(off + 4, 2):uint()
    if clen < 6 then break end
    local field = by_type[ctype]
    if field then t:add(field, tvb(off + 6, clen - 6)) end
    if ctype == 15 then Dissector.get("sip"):call(tvb(off + 6, clen - 6):tvb(), pinfo, tree) end
    off = off + clen
  end
  pinfo.cols.protocol:prepend("HEP3/")
  return total
end

local function pdu_length(tvb, pinfo, offset)
  return tvb(offset + 4, 2):uint()
end

function hep3.dissector(tvb, pinfo, tree)
  if tvb:len() < 6 or tvb(0, 4):string() ~= "HEP3" then return 0 end
  if pinfo.port_type == 2 then -- PT_TCP
    dissect_tcp_pdus(tvb, tree, 6, pdu_length, dissect_one)
    return tvb:len()
  end
  return dissect_one(tvb, pinfo, tree)
end

DissectorTable.get("udp.port"):add(9060, hep3)
DissectorTable.get("tcp.port"):add(9060, hep3)
