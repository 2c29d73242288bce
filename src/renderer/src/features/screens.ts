import type { ComponentType } from 'react';
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
import { TenantsScreen } from './tenants/TenantsScreen';

/** The sidebar's areas, in order. */
export const SCREENS: { id: ScreenId; label: string; component: ComponentType }[] = [
  { id: 'overview', label: 'Overview', component: OverviewScreen },
  { id: 'tenants', label: 'Tenants', component: TenantsScreen },
  { id: 'migrations', label: 'Migrations', component: MigrationsScreen },
  { id: 'backups', label: 'Backups', component: BackupsScreen },
  { id: 'checks', label: 'Verification', component: ChecksScreen },
  { id: 'checklists', label: 'Checklists', component: ChecklistsScreen },
  { id: 'fleet', label: 'Fleet', component: FleetScreen },
  { id: 'monitor', label: 'Monitor', component: MonitorScreen },
  { id: 'audit', label: 'Audit', component: AuditScreen },
  { id: 'profiles', label: 'Profiles', component: ProfilesScreen },
];
