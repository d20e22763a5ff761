/**
 * Completion where a new top-level key is being typed at the end of a large document (`,` then
 * `"` before the final `}`): the document is broken there (an unterminated string), as it is
 * while the key is typed. Both servers get the same edit; completion inside the new quotes is
 * timed, then the edit is undone. On our side this is where completion used to scan the whole
 * document (server/src/parse/location.ts).
 */
import type { BenchDocument } from './documents';
import { inOrder, timesOf, type Sessions } from './sessions';
import { median, type Row } from './table';

const ROUNDS = 30;

export async function completionAtEnd(sessions: Sessions, uri: string, doc: BenchDocument): Promise<Row> {
  const close = doc.text.lastIndexOf('}');
  const typed = ',\n  "';
  const cursor = close - 1 + typed.length; // `…]` + `,\n  "|` + `\n}`
  for (const [, session] of inOrder(sessions, 0)) await session.change(uri, close - 1, close - 1, typed);
  const times = timesOf();
  const counts = { ours: 0, floor: 0, peer: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    for (const [key, session] of inOrder(sessions, i)) {
      const { ms, items } = await session.completion(uri, cursor);
      times[key].push(ms);
      counts[key] = items;
    }
  }
  for (const [, session] of inOrder(sessions, 0)) await session.change(uri, close - 1, close - 1 + typed.length, '');
  return {
    figure: `completion, new key at the end, ${doc.name}`,
    ours: median(times.ours),
    floor: median(times.floor),
    peer: median(times.peer),
    unit: 'ms',
    target: { ratio: 1.0 },
    note: `${counts.ours} / ${counts.peer} items`,
  };
}
