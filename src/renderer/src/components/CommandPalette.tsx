import { useEffect, useMemo, useState } from 'react';
import type { BackupListItem } from '../../../shared/model/backups';
import type { TenantRow } from '../../../shared/model/tenants';
import { api } from '../api/client';
import { useT } from '../i18n';
import { Modal } from './Modal';
import {
  backupItems,
  commandItems,
  reviewItems,
  tenantItems,
  type PaletteDeps,
  type RunbookChoice,
} from './palette-items';
import { searchPalette } from './palette-search';

/** Ctrl/Cmd+K: find any screen, action, tenant or backup by name and go there, by keyboard alone. */
export function CommandPalette({ deps, onClose }: { deps: PaletteDeps; onClose(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [tenants, setTenants] = useState<TenantRow[]>([]);
  const [backups, setBackups] = useState<BackupListItem[]>([]);
  const [runbooks, setRunbooks] = useState<RunbookChoice[]>([]);
  const [loading, setLoading] = useState(!!deps.activeProfileId);
  const profileId = deps.activeProfileId;

  useEffect(() => {
    if (!profileId) return;
    let live = true;
    // Failures only leave tenants or backups out of the results: the palette still finds screens.
    void Promise.allSettled([
      api().invoke('tenants.list', { profileId }),
      api().invoke('backups.list', { profileId }),
      api().invoke('checklists.runbooks', { profileId }),
    ]).then(([tl, bl, rl]) => {
      if (!live) return;
      if (tl.status === 'fulfilled') setTenants(tl.value.tenants);
      if (bl.status === 'fulfilled') setBackups(bl.value.backups);
      const env = deps.profiles.find((p) => p.id === profileId)?.environment;
      if (rl.status === 'fulfilled') setRunbooks(rl.value.runbooks.filter((r) => !env || r.environments.includes(env)));
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, [profileId, deps.profiles]);

  const all = useMemo(
    () => [
      ...commandItems(i18n, deps),
      ...reviewItems(i18n, deps, runbooks),
      ...tenantItems(tenants, deps),
      ...backupItems(i18n, backups, deps),
    ],
    [i18n, deps, tenants, backups, runbooks],
  );
  const results = useMemo(() => searchPalette(all, query), [all, query]);
  const current = Math.min(active, Math.max(0, results.length - 1));

  const choose = (index: number) => {
    const item = results[index];
    if (!item) return;
    onClose();
    item.run();
  };

  return (
    <Modal label={t('palette.title')} onClose={onClose} className="palette">
      <input
        autoFocus
        type="text"
        role="combobox"
        aria-label={t('palette.input')}
        aria-expanded="true"
        aria-controls="palette-results"
        aria-activedescendant={results[current] ? `palette-opt-${current}` : undefined}
        aria-autocomplete="list"
        placeholder={t('palette.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, results.length));
          else if (e.key === 'ArrowUp') setActive((current - 1 + results.length) % Math.max(1, results.length));
          else if (e.key === 'Enter') choose(current);
          else if (e.key === 'Tab') e.preventDefault();
          else return;
          e.preventDefault();
        }}
      />
      <ul id="palette-results" role="listbox" aria-label={t('palette.results')} className="palette-results">
        {results.map((item, i) => (
          <li
            key={item.id}
            id={`palette-opt-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            onMouseMove={() => setActive(i)}
            onClick={() => choose(i)}
          >
            <span className={`palette-kind kind-${item.kind}`}>{t(`palette.kind.${item.kind}`)}</span>
            <span className="palette-label">{item.label}</span>
            {item.detail && <span className="palette-detail mono">{item.detail}</span>}
          </li>
        ))}
      </ul>
      <p className="palette-foot muted small" aria-live="polite">
        {results.length === 0 && query
          ? t('palette.none', { query })
          : loading
            ? t('palette.loading')
            : t('palette.footer')}
      </p>
    </Modal>
  );
}
