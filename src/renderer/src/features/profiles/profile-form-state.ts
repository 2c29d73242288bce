import type { Environment, ProfileView, SslMode } from '../../../../shared/model/profile';

export interface ProfileFormState {
  name: string;
  environment: Environment;
  color: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
  sslrootcert: string;
  readOnly: boolean;
  registry: string;
  projectDir: string;
  auditToDatabase: boolean;
  backupBeforeMigrate: boolean;
  backupFreshMinutes: string;
  backupEncryption: 'none' | 'keychain' | 'passphrase';
  backupCopyDir: string;
  pgbackrestConfig: string;
  pgbackrestStanza: string;
  pgServerBinDir: string;
  sshEnabled: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  sshKeyFile: string;
  sshAgent: boolean;
  sshKnownHosts: string;
}

export const EMPTY_FORM: ProfileFormState = {
  name: '',
  environment: 'local',
  color: '',
  host: '127.0.0.1',
  port: '5432',
  database: 'postgres',
  user: 'postgres',
  password: '',
  sslmode: 'prefer',
  sslrootcert: '',
  readOnly: false,
  registry: 'auto',
  projectDir: '',
  auditToDatabase: false,
  backupBeforeMigrate: false,
  backupFreshMinutes: '',
  backupEncryption: 'none',
  backupCopyDir: '',
  pgbackrestConfig: '',
  pgbackrestStanza: '',
  pgServerBinDir: '',
  sshEnabled: false,
  sshHost: '',
  sshPort: '22',
  sshUser: '',
  sshKeyFile: '',
  sshAgent: false,
  sshKnownHosts: '',
};

export function formFromProfile(p: ProfileView): ProfileFormState {
  return {
    name: p.name,
    environment: p.environment,
    color: p.color ?? '',
    host: p.host,
    port: String(p.port),
    database: p.database,
    user: p.user,
    password: '',
    sslmode: p.sslmode,
    sslrootcert: p.sslrootcert ?? '',
    readOnly: p.readOnly,
    registry: p.registry,
    projectDir: p.projectDir ?? '',
    auditToDatabase: p.auditToDatabase ?? false,
    backupBeforeMigrate: p.backupBeforeMigrate ?? false,
    backupFreshMinutes: p.backupFreshMinutes ? String(p.backupFreshMinutes) : '',
    backupEncryption: p.backupEncryption ?? 'none',
    backupCopyDir: p.backupCopyDir ?? '',
    pgbackrestConfig: p.pgbackrestConfig ?? '',
    pgbackrestStanza: p.pgbackrestStanza ?? '',
    pgServerBinDir: p.pgServerBinDir ?? '',
    sshEnabled: Boolean(p.ssh),
    sshHost: p.ssh?.host ?? '',
    sshPort: String(p.ssh?.port ?? 22),
    sshUser: p.ssh?.user ?? '',
    sshKeyFile: p.ssh?.keyFile ?? '',
    sshAgent: p.ssh?.agent ?? false,
    sshKnownHosts: p.ssh?.knownHostsFile ?? '',
  };
}

/** Why a pasted URI was refused: a message key, so the form says it in the user's language. */
export type UriProblem = 'pform.uri.notUri' | 'pform.uri.protocol';

/** Fills the form from a postgres:// URI; the password it carries stays in the form, never in the profile. */
export function applyUri(form: ProfileFormState, uri: string): ProfileFormState | UriProblem {
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    return 'pform.uri.notUri';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return 'pform.uri.protocol';
  const sslmode = url.searchParams.get('sslmode') as SslMode | null;
  return {
    ...form,
    host: url.hostname || form.host,
    port: url.port || '5432',
    database: decodeURIComponent(url.pathname.slice(1)) || form.database,
    user: decodeURIComponent(url.username) || form.user,
    password: url.password ? decodeURIComponent(url.password) : form.password,
    sslmode: sslmode ?? form.sslmode,
  };
}

export function settingsFromForm(f: ProfileFormState) {
  return {
    name: f.name.trim(),
    environment: f.environment,
    ...(f.color ? { color: f.color } : {}),
    host: f.host.trim(),
    port: Number(f.port),
    database: f.database.trim(),
    user: f.user.trim(),
    sslmode: f.sslmode,
    ...(f.sslrootcert.trim() ? { sslrootcert: f.sslrootcert.trim() } : {}),
    readOnly: f.readOnly,
    registry: f.registry.trim() || 'auto',
    ...(f.projectDir.trim() ? { projectDir: f.projectDir.trim() } : {}),
    auditToDatabase: f.auditToDatabase,
    backupBeforeMigrate: f.backupBeforeMigrate,
    ...(Number(f.backupFreshMinutes) > 0 ? { backupFreshMinutes: Math.round(Number(f.backupFreshMinutes)) } : {}),
    backupEncryption: f.backupEncryption,
    ...(f.backupCopyDir.trim() ? { backupCopyDir: f.backupCopyDir.trim() } : {}),
    ...(f.pgbackrestConfig.trim() ? { pgbackrestConfig: f.pgbackrestConfig.trim() } : {}),
    ...(f.pgbackrestStanza.trim() ? { pgbackrestStanza: f.pgbackrestStanza.trim() } : {}),
    ...(f.pgServerBinDir.trim() ? { pgServerBinDir: f.pgServerBinDir.trim() } : {}),
    ...(f.sshEnabled
      ? {
          ssh: {
            host: f.sshHost.trim(),
            port: Number(f.sshPort) || 22,
            user: f.sshUser.trim(),
            agent: f.sshAgent,
            ...(f.sshKeyFile.trim() ? { keyFile: f.sshKeyFile.trim() } : {}),
            ...(f.sshKnownHosts.trim() ? { knownHostsFile: f.sshKnownHosts.trim() } : {}),
          },
        }
      : {}),
  };
}

/** For an edit: what the form says, and null for each optional setting the user emptied. */
export function changesFromForm(f: ProfileFormState) {
  const settings = settingsFromForm(f);
  const cleared = (
    [
      'color',
      'sslrootcert',
      'projectDir',
      'backupCopyDir',
      'ssh',
      'backupFreshMinutes',
      'pgbackrestConfig',
      'pgbackrestStanza',
      'pgServerBinDir',
    ] as const
  ).filter((k) => !(k in settings));
  return { ...settings, ...Object.fromEntries(cleared.map((k) => [k, null])) };
}
