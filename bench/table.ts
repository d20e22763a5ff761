/** A row of the table `npm run bench` prints (bench/run.ts), and the median every figure is. */
export interface Row {
  figure: string;
  ours: number | undefined;
  peer: number | undefined;
  /** The floor server's figure (bench/floorServer.ts), where it has one. */
  floor?: number;
  unit: 'ms' | 'MB' | 'KB' | 'reads';
  /**
   * Target ratio ours/peer, target ratio ours/floor, or an absolute limit for a figure without
   * a peer.
   */
  target?: { ratio?: number; floorRatio?: number; max?: number };
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The sessions of one figure in the order a round takes them: each round starts with the next one. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
