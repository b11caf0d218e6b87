/** One line of the benchmark table. */
export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  /** Whether the figure met its target (undefined when there is none). */
  ok?: boolean;
}

export type BenchSection = () => Promise<BenchRow[]>;
