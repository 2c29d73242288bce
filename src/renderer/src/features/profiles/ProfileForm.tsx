import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { ENVIRONMENTS, SSL_MODES, type ProfileView } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { toErrorData } from '../../stores/app';
import { useProfiles } from '../../stores/profiles';
import { applyUri, changesFromForm, EMPTY_FORM, formFromProfile, settingsFromForm, type ProfileFormState } from './profile-form-state';

/** Add or edit a profile. The password goes to the core's secret store and is never read back. */
export function ProfileForm({ profile, onSaved, onCancel }: { profile?: ProfileView; onSaved: (p: ProfileView) => void; onCancel: () => void }) {
  const { add, update } = useProfiles();
  const [form, setForm] = useState<ProfileFormState>(profile ? formFromProfile(profile) : EMPTY_FORM);
  const [uri, setUri] = useState('');
  const [uriError, setUriError] = useState<string>();
  const [error, setError] = useState<ErrorData>();
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof ProfileFormState>(key: K, value: ProfileFormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const settings = settingsFromForm(form);
      const saved = profile
        ? await update({ id: profile.id, changes: changesFromForm(form), ...(form.password ? { password: form.password } : {}) })
        : await add({ ...settings, ...(form.password ? { password: form.password } : {}) });
      onSaved(saved);
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (key: keyof ProfileFormState, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input name={key} value={String(form[key])} onChange={(e) => set(key, e.target.value as never)} {...props} />
    </label>
  );

  return (
    <form className="profile-form" onSubmit={save} aria-label={profile ? `Edit ${profile.name}` : 'New profile'}>
      <h2>{profile ? `Edit ${profile.name}` : 'New profile'}</h2>
      {field('name', 'Name', { required: true, autoFocus: true })}
      <div className="row">
        <label className="field">
          <span>Environment</span>
          <select name="environment" value={form.environment} onChange={(e) => set('environment', e.target.value as ProfileFormState['environment'])}>
            {ENVIRONMENTS.map((env) => (
              <option key={env}>{env}</option>
            ))}
          </select>
        </label>
        {field('color', 'Colour (optional)', { placeholder: '#c62828', pattern: '#[0-9a-fA-F]{6}' })}
      </div>
      <div className="row">
        <label className="field grow">
          <span>Paste a URI to fill the fields</span>
          <input name="uri" value={uri} placeholder="postgres://user@host:5432/db?sslmode=require" onChange={(e) => setUri(e.target.value)} />
        </label>
        <button
          type="button"
          onClick={() => {
            const next = applyUri(form, uri);
            if (typeof next === 'string') setUriError(next);
            else {
              setForm(next);
              setUri('');
              setUriError(undefined);
            }
          }}
        >
          Fill
        </button>
      </div>
      {uriError && <p className="field-error">{uriError}</p>}
      <div className="row">
        {field('host', 'Host', { required: true })}
        {field('port', 'Port', { required: true, inputMode: 'numeric', pattern: '[0-9]+' })}
      </div>
      <div className="row">
        {field('database', 'Database', { required: true })}
        {field('user', 'User', { required: true })}
      </div>
      {field('password', profile?.hasPassword ? 'Password (stored; type to replace)' : 'Password', { type: 'password', autoComplete: 'off' })}
      <div className="row">
        <label className="field">
          <span>TLS (sslmode)</span>
          <select name="sslmode" value={form.sslmode} onChange={(e) => set('sslmode', e.target.value as ProfileFormState['sslmode'])}>
            {SSL_MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {field('sslrootcert', 'CA file (verify-ca / verify-full)', { placeholder: '/path/to/root.crt' })}
      </div>
      <div className="row">
        {field('registry', 'Tenant registry', { placeholder: 'auto | django-tenants | native | pattern:tenant_*' })}
        {field('projectDir', 'Project folder', { placeholder: '/path/to/project' })}
      </div>
      <div className="row">
        <label className="field">
          <span>Backup encryption</span>
          <select name="backupEncryption" value={form.backupEncryption} onChange={(e) => set('backupEncryption', e.target.value as ProfileFormState['backupEncryption'])}>
            <option value="none">none</option>
            <option value="keychain">AES-256-GCM, key in the OS keychain</option>
            <option value="passphrase">AES-256-GCM, key from a passphrase</option>
          </select>
        </label>
        {field('backupCopyDir', 'Second backup destination (a mounted share)', { placeholder: '/mnt/share/backups' })}
      </div>
      <label className="check">
        <input type="checkbox" name="readOnly" checked={form.readOnly} onChange={(e) => set('readOnly', e.target.checked)} /> Read-only (the server refuses writes in these sessions)
      </label>
      <label className="check">
        <input type="checkbox" name="auditToDatabase" checked={form.auditToDatabase} onChange={(e) => set('auditToDatabase', e.target.checked)} /> Also write the audit log to the database (tenantry.audit_log)
      </label>
      <label className="check">
        <input type="checkbox" name="sshEnabled" checked={form.sshEnabled} onChange={(e) => set('sshEnabled', e.target.checked)} /> Connect through an SSH tunnel (bastion host)
      </label>
      {form.sshEnabled && (
        <fieldset className="ssh">
          <legend>SSH tunnel</legend>
          <div className="row">
            {field('sshHost', 'Bastion host', { required: true })}
            {field('sshPort', 'SSH port', { inputMode: 'numeric', pattern: '[0-9]+' })}
            {field('sshUser', 'SSH user', { required: true })}
          </div>
          <div className="row">
            {field('sshKeyFile', 'Private key file', { placeholder: '~/.ssh/id_ed25519' })}
            {field('sshKnownHosts', 'known_hosts file (default ~/.ssh/known_hosts)')}
          </div>
          <label className="check">
            <input type="checkbox" name="sshAgent" checked={form.sshAgent} onChange={(e) => set('sshAgent', e.target.checked)} /> Use the SSH agent
          </label>
        </fieldset>
      )}
      {error && <ErrorBox error={error} title="Could not save" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
