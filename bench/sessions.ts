/** The three servers of one `npm run bench` run, and the order each round takes them in. */
import type { LspSession } from './lspSession';
import { rotated } from './table';

/** Ours, the floor (bench/floorServer.ts) and the peer (VS Code's JSON server), started and configured. */
export interface Sessions {
  ours: LspSession;
  floor: LspSession;
  peer: LspSession;
}

export type SessionKey = keyof Sessions;

export const SESSION_KEYS: readonly SessionKey[] = ['ours', 'floor', 'peer'];

/** The sessions in the order round `i` takes them: each round starts with another, so none always runs right after another's GC. */
export function inOrder(sessions: Sessions, i: number): (readonly [SessionKey, LspSession])[] {
  return rotated(SESSION_KEYS, i).map((key) => [key, sessions[key]] as const);
}

/** An empty list of times for each session. */
export function timesOf(): Record<SessionKey, number[]> {
  return { ours: [], floor: [], peer: [] };
}
