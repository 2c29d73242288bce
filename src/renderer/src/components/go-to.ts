import { useApp } from '../stores/app';
import { useTenants } from '../stores/tenants';

/** Opens the Tenants screen on one tenant (shown even if a filter or search would hide it). */
export function openTenant(schema: string): void {
  const tenants = useTenants.getState();
  tenants.setFilter(undefined);
  tenants.setSearch('');
  tenants.select(schema);
  useApp.getState().go('tenants');
}

/** Opens Backups with the keyboard on that backup's row (its first button), once the list shows it. */
export function openBackup(id: string): void {
  useApp.getState().go('backups');
  const started = Date.now();
  const find = () => {
    const row = document.querySelector<HTMLElement>(`tr[data-backup="${CSS.escape(id)}"]`);
    if (row) {
      row.scrollIntoView({ block: 'center' });
      row.classList.add('flash');
      row.querySelector<HTMLElement>('button')?.focus();
    } else if (Date.now() - started < 5000) setTimeout(find, 100);
  };
  setTimeout(find, 0);
}
