export interface GlobalOptions {
  url?: string;
  profile?: string;
  /** Several saved profiles (or one saved group) run as one fleet: status, migrate, verify, backup, tenants list. */
  profiles?: string;
  env?: 'local' | 'staging' | 'production';
  registry?: string;
  project?: string;
  json?: boolean;
  yes?: boolean;
  confirmDatabase?: string;
  /** Seconds to wait for a tenant another operation holds (CLI.md "Processes and locks"). */
  lockWait?: string;
}
