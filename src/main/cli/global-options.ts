export interface GlobalOptions {
  url?: string;
  profile?: string;
  env?: 'local' | 'staging' | 'production';
  registry?: string;
  project?: string;
  json?: boolean;
  yes?: boolean;
  confirmDatabase?: string;
  /** Seconds to wait for a tenant another operation holds (CLI.md "Processes and locks"). */
  lockWait?: string;
}
