import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { ENVIRONMENTS, SSL_MODES, type ProfileView } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { envLabel, useT } from '../../i18n';
import type { Output } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toErrorData } from '../../stores/app';
import { ConnectionReport } from './ConnectionReport';
import { useProfiles } from '../../stores/profiles';
import {
  applyUri,
  changesFromForm,
  EMPTY_FORM,
  formFromProfile,
  settingsFromForm,
  type ProfileFormState,
  type UriProblem,
} from './profile-form-state';

/** Add or edit a profile. The password goes to the core's secret store and is never read back. */
export function ProfileForm({
  profile,
  onSaved,
  onCancel,
}: {
  profile?: ProfileView;
  onSaved: (p: ProfileView) => void;
  onCancel: () => void;
}) {
  const { add, update } = useProfiles();
  const [form, setForm] = useState<ProfileFormState>(profile ? formFromProfile(profile) : EMPTY_FORM);
  const [uri, setUri] = useState('');
  const [uriError, setUriError] = useState<UriProblem>();
  const [error, setError] = useState<ErrorData>();
  const [saving, setSaving] = useState(false);
  const [trial, setTrial] = useState<
    { state: 'testing' } | { state: 'ok'; result: Output<'profiles.testDraft'> } | { state: 'failed'; error: ErrorData }
  >();
  const { t } = useT();
  const set = <K extends keyof ProfileFormState>(key: K, value: ProfileFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const settings = settingsFromForm(form);
      const saved = profile
        ? await update({
            id: profile.id,
            changes: changesFromForm(form),
            ...(form.password ? { password: form.password } : {}),
          })
        : await add({ ...settings, ...(form.password ? { password: form.password } : {}) });
      onSaved(saved);
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setSaving(false);
    }
  }

  /** Tests what the form holds, unsaved; the typed password is used for this test only. */
  async function tryConnection() {
    setTrial({ state: 'testing' });
    try {
      const result = await api().invoke('profiles.testDraft', {
        settings: settingsFromForm(form),
        ...(form.password ? { password: form.password } : {}),
        ...(profile ? { id: profile.id } : {}),
      });
      setTrial({ state: 'ok', result });
    } catch (err) {
      setTrial({ state: 'failed', error: toErrorData(err) });
    }
  }

  const field = (
    key: keyof ProfileFormState,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <label className="field">
      <span>{label}</span>
      <input name={key} value={String(form[key])} onChange={(e) => set(key, e.target.value as never)} {...props} />
    </label>
  );

  return (
    <form
      className="profile-form"
      onSubmit={save}
      aria-label={profile ? t('pform.edit', { name: profile.name }) : t('pform.new')}
    >
      <h2>{profile ? t('pform.edit', { name: profile.name }) : t('pform.new')}</h2>
      {field('name', t('pform.name'), { required: true, autoFocus: true })}
      <div className="row">
        <label className="field">
          <span>{t('pform.environment')}</span>
          <select
            name="environment"
            value={form.environment}
            onChange={(e) => set('environment', e.target.value as ProfileFormState['environment'])}
          >
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {envLabel(t, env)}
              </option>
            ))}
          </select>
        </label>
        {field('color', t('pform.color'), { placeholder: '#c62828', pattern: '#[0-9a-fA-F]{6}' })}
      </div>
      <div className="row">
        <label className="field grow">
          <span>{t('pform.uri')}</span>
          <input
            name="uri"
            value={uri}
            placeholder="postgres://user@host:5432/db?sslmode=require"
            onChange={(e) => setUri(e.target.value)}
          />
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
          {t('pform.fill')}
        </button>
      </div>
      {uriError && <p className="field-error">{t(uriError)}</p>}
      <div className="row">
        {field('host', t('pform.host'), { required: true })}
        {field('port', t('pform.port'), { required: true, inputMode: 'numeric', pattern: '[0-9]+' })}
      </div>
      <div className="row">
        {field('database', t('pform.database'), { required: true })}
        {field('user', t('pform.user'), { required: true })}
      </div>
      {field('password', profile?.hasPassword ? t('pform.passwordStored') : t('pform.password'), {
        type: 'password',
        autoComplete: 'off',
      })}
      <div className="row">
        <label className="field">
          <span>{t('pform.sslmode')}</span>
          <select
            name="sslmode"
            value={form.sslmode}
            onChange={(e) => set('sslmode', e.target.value as ProfileFormState['sslmode'])}
          >
            {SSL_MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {field('sslrootcert', t('pform.ca'), { placeholder: '/path/to/root.crt' })}
      </div>
      <div className="row">
        {field('registry', t('pform.registry'), { placeholder: 'auto | django-tenants | native | pattern:tenant_*' })}
        {field('projectDir', t('pform.project'), { placeholder: '/path/to/project' })}
      </div>
      <div className="row">
        <label className="field">
          <span>{t('pform.encryption')}</span>
          <select
            name="backupEncryption"
            value={form.backupEncryption}
            onChange={(e) => set('backupEncryption', e.target.value as ProfileFormState['backupEncryption'])}
          >
            <option value="none">{t('pform.encryption.none')}</option>
            <option value="keychain">{t('pform.encryption.keychain')}</option>
            <option value="passphrase">{t('pform.encryption.passphrase')}</option>
          </select>
        </label>
        {field('backupCopyDir', t('pform.copyDir'), { placeholder: '/mnt/share/backups' })}
      </div>
      <div className="row">
        {field('pgbackrestConfig', t('pform.pgbackrestConfig'), { placeholder: '/etc/pgbackrest/pgbackrest.conf' })}
        {field('pgbackrestStanza', t('pform.pgbackrestStanza'), { placeholder: 'main' })}
        {field('pgServerBinDir', t('pform.pgServerBin'), { placeholder: '/usr/lib/postgresql/15/bin' })}
      </div>
      <label className="check">
        <input
          type="checkbox"
          name="readOnly"
          checked={form.readOnly}
          onChange={(e) => set('readOnly', e.target.checked)}
        />{' '}
        {t('pform.readOnly')}
      </label>
      <div className="row">
        <label className="check grow">
          <input
            type="checkbox"
            name="backupBeforeMigrate"
            checked={form.backupBeforeMigrate}
            onChange={(e) => set('backupBeforeMigrate', e.target.checked)}
          />{' '}
          {t('pform.backupBeforeMigrate')}
        </label>
        {field('backupFreshMinutes', t('pform.backupFresh'), {
          inputMode: 'numeric',
          pattern: '[0-9]*',
          placeholder: '60',
        })}
      </div>
      <label className="check">
        <input
          type="checkbox"
          name="auditToDatabase"
          checked={form.auditToDatabase}
          onChange={(e) => set('auditToDatabase', e.target.checked)}
        />{' '}
        {t('pform.auditDb')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="sshEnabled"
          checked={form.sshEnabled}
          onChange={(e) => set('sshEnabled', e.target.checked)}
        />{' '}
        {t('pform.ssh')}
      </label>
      {form.sshEnabled && (
        <fieldset className="ssh">
          <legend>{t('pform.sshLegend')}</legend>
          <div className="row">
            {field('sshHost', t('pform.sshHost'), { required: true })}
            {field('sshPort', t('pform.sshPort'), { inputMode: 'numeric', pattern: '[0-9]+' })}
            {field('sshUser', t('pform.sshUser'), { required: true })}
          </div>
          <div className="row">
            {field('sshKeyFile', t('pform.sshKey'), { placeholder: '~/.ssh/id_ed25519' })}
            {field('sshKnownHosts', t('pform.knownHosts'))}
          </div>
          <label className="check">
            <input
              type="checkbox"
              name="sshAgent"
              checked={form.sshAgent}
              onChange={(e) => set('sshAgent', e.target.checked)}
            />{' '}
            {t('pform.sshAgent')}
          </label>
        </fieldset>
      )}
      {error && <ErrorBox error={error} title={t('pform.couldNotSave')} />}
      <div className="pform-trial" aria-live="polite" data-testid="draft-test">
        {trial?.state === 'testing' && <p className="muted">{t('common.connecting')}</p>}
        {trial?.state === 'ok' && (
          <>
            <p className="conn-ok-text">{t('pform.testOk')}</p>
            <ConnectionReport result={trial.result} />
          </>
        )}
        {trial?.state === 'failed' && <ErrorBox error={trial.error} title={t('pform.testFailed')} />}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('pform.saving') : t('pform.save')}
        </button>
        <button type="button" onClick={() => void tryConnection()} disabled={trial?.state === 'testing'}>
          {t('pform.testBeforeSave')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
