/** A row of the table `npm run bench` prints (bench/run.ts), and the median every figure is. */
export interface Row {
  figure: string;
  ours: number | undefined;
  peer: number | undefined;
  unit: 'ms' | 'MB' | 'KB' | 'reads';
  /** Target ratio ours/peer, or an absolute limit for a figure without a peer. */
  target?: { ratio?: number; max?: number };
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
