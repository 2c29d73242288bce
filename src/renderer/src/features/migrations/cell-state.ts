import type { SchemaStatus } from '../../../../shared/model/migrations';
import type { MatrixFilter } from '../../stores/migrations';

export type CellState = 'applied' | 'pending' | 'failed' | 'drifted' | 'out-of-order';
export type RowState = 'ok' | 'behind' | 'failed' | 'drifted' | 'missing';

export function cellState(row: SchemaStatus, name: string): CellState {
  if (row.failed.includes(name)) return 'failed';
  if (row.drifted.includes(name)) return 'drifted';
  if (row.outOfOrder.includes(name)) return 'out-of-order';
  if (row.pending.includes(name)) return 'pending';
  return 'applied';
}

export function rowState(row: SchemaStatus): RowState {
  if (row.status === 'missing') return 'missing';
  if (row.failed.length) return 'failed';
  if (row.drifted.length) return 'drifted';
  if (row.pending.length) return 'behind';
  return 'ok';
}

export function matches(row: SchemaStatus, filter: MatrixFilter): boolean {
  if (filter === 'all') return true;
  if (row.status === 'missing') return false;
  if (filter === 'behind') return row.pending.length > 0;
  if (filter === 'failed') return row.failed.length > 0;
  return row.drifted.length > 0;
}
