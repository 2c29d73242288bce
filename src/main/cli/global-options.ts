export interface GlobalOptions {
  url?: string;
  profile?: string;
  env?: 'local' | 'staging' | 'production';
  registry?: string;
  project?: string;
  json?: boolean;
  yes?: boolean;
  confirmDatabase?: string;
}
