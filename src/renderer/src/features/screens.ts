import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { ScreenId } from '../stores/app';
import { AuditScreen } from './audit/AuditScreen';
import { BackupsScreen } from './backups/BackupsScreen';
import { ChecklistsScreen } from './checklists/ChecklistsScreen';
import { ChecksScreen } from './checks/ChecksScreen';
import { FleetScreen } from './fleet/FleetScreen';
import { OverviewScreen } from './home/OverviewScreen';
import { MigrationsScreen } from './migrations/MigrationsScreen';
import { MonitorScreen } from './monitor/MonitorScreen';
import { ProfilesScreen } from './profiles/ProfilesScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { TenantsScreen } from './tenants/TenantsScreen';

export interface ScreenEntry {
  id: ScreenId;
  label: MessageKey;
  /** The letter after "g" that opens it. */
  key: string;
  component: ComponentType;
}

/** The sidebar's areas, in order. */
export const SCREENS: ScreenEntry[] = [
  { id: 'overview', label: 'nav.overview', key: 'o', component: OverviewScreen },
  { id: 'tenants', label: 'nav.tenants', key: 't', component: TenantsScreen },
  { id: 'migrations', label: 'nav.migrations', key: 'm', component: MigrationsScreen },
  { id: 'backups', label: 'nav.backups', key: 'b', component: BackupsScreen },
  { id: 'checks', label: 'nav.checks', key: 'v', component: ChecksScreen },
  { id: 'checklists', label: 'nav.checklists', key: 'c', component: ChecklistsScreen },
  { id: 'fleet', label: 'nav.fleet', key: 'f', component: FleetScreen },
  { id: 'monitor', label: 'nav.monitor', key: 'n', component: MonitorScreen },
  { id: 'audit', label: 'nav.audit', key: 'a', component: AuditScreen },
  { id: 'profiles', label: 'nav.profiles', key: 'p', component: ProfilesScreen },
  { id: 'settings', label: 'nav.settings', key: 's', component: SettingsScreen },
];
