import mermaid from 'mermaid';
const samples = ['a@b', 'x{y}z', 'a--b', 'a->>b', 'end', 'a+b', 'a,b', 'as', 'a (b)', 'rect', 'Note over', 'a:b', '[x]', 'a\\b', "it's", '`x`', '~~', 'a|b', 'a=b', 'a--)b', '()', '-x', 'participant x', 'loop', '*', '$$', 'wrap:x', 'autonumber'];
for (const s of samples) {
  for (const where of ['msg', 'alias', 'note', 'title']) {
    const t = where === 'msg' ? `sequenceDiagram\nparticipant L0\nparticipant L1\nL0->>L1: ${s}\n` :
      where === 'alias' ? `sequenceDiagram\nparticipant L0 as ${s} x\nparticipant L1\nL0->>L1: hi\n` :
      where === 'note' ? `sequenceDiagram\nparticipant L0\nparticipant L1\nL0->>L1: hi\nNote over L0,L1: ${s}\n` :
      `sequenceDiagram\ntitle T ${s}\nparticipant L0\nL0->>L0: hi\n`;
    try {
      await mermaid.parse(t);
      const d = await mermaid.mermaidAPI.getDiagramFromText(t);
      const got = where === 'alias' ? d.db.getActors().get('L0').description : where === 'title' ? d.db.getDiagramTitle() : d.db.getMessages().at(-1).message;
      const want = where === 'alias' ? `${s} x` : where === 'title' ? `T ${s}` : s;
      if (got !== want) console.log('DIFF', where, JSON.stringify(s), '->', JSON.stringify(got));
    } catch (e) { console.log('ERR', where, JSON.stringify(s), e.message.split('\n')[0]); }
  }
}
