import { useT } from '../i18n';

export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const { t } = useT();
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total || 100}
      aria-valuenow={total ? done : undefined}
      aria-label={label ?? t('progress.label')}
    >
      <div
        className="progress-fill"
        style={{ width: total > 0 ? `${pct}%` : '100%' }}
        data-indeterminate={total === 0 || undefined}
      />
    </div>
  );
}
