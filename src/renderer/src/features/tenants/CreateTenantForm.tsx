import { useEffect, useMemo, useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { schemaNameProblem, suggestSchemaName, type CreateForm } from '../../../../shared/model/tenants';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { toErrorData } from '../../stores/app';
import { useT } from '../../i18n';
import { useTenants } from '../../stores/tenants';

function randomSuffix(): string {
  const bytes = new Uint8Array(2);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Name → safe schema name (editable, checked as you type), the registry's required columns, domains. */
export function CreateTenantForm({ profileId, onDone }: { profileId: string; onDone(schema?: string): void }) {
  const act = useTenants((s) => s.act);
  const [form, setForm] = useState<CreateForm>();
  const [formError, setFormError] = useState<ErrorData>();
  const [name, setName] = useState('');
  const [schema, setSchema] = useState('');
  const [edited, setEdited] = useState(false);
  const [domains, setDomains] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [serverCheck, setServerCheck] = useState<{ schema: string; ok: boolean; message?: string }>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const suffix = useMemo(randomSuffix, []);
  const { t } = useT();

  useEffect(() => {
    api()
      .invoke('tenants.createForm', { profileId })
      .then(setForm, (e) => setFormError(toErrorData(e)));
  }, [profileId]);

  useEffect(() => {
    if (!edited) setSchema(name.trim() ? suggestSchemaName(name, suffix) : '');
  }, [name, edited, suffix]);

  const localProblem = schema ? schemaNameProblem(schema) : undefined;
  useEffect(() => {
    if (!schema || localProblem) return;
    const timer = setTimeout(() => {
      api()
        .invoke('tenants.checkSchema', { profileId, schema })
        .then(setServerCheck, () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [schema, localProblem, profileId]);

  const problem = localProblem ?? (serverCheck?.schema === schema && !serverCheck.ok ? serverCheck.message : undefined);
  const missingRequired = (form?.requiredColumns ?? []).some((c) => !values[c.name]?.trim());

  async function submit() {
    setBusy(true);
    setError(undefined);
    const res = await act(() =>
      api().invoke('tenants.create', {
        profileId,
        name: name.trim(),
        schema,
        domains: domains.split(/[\s,]+/).filter(Boolean),
        values: Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')),
      }),
    );
    setBusy(false);
    if (res.ok) onDone(res.value.schema);
    else setError(res.error);
  }

  if (formError) return <ErrorBox error={formError} title={t('tn.cannotCreate')} />;
  if (!form) return <p className="muted">{t('tn.readingRegistry')}</p>;
  return (
    <form
      className="profile-form create-tenant"
      aria-label={t('tn.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('tn.new')}</h2>
      <label className="field">
        <span>{t('tn.displayName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('tn.schemaName')}</span>
        <input
          className="mono"
          value={schema}
          aria-invalid={Boolean(problem)}
          onChange={(e) => {
            setEdited(true);
            setSchema(e.target.value);
          }}
        />
      </label>
      {problem ? (
        <p className="field-error small">{problem}</p>
      ) : (
        schema && <p className="muted small">{t('tn.safeName')}</p>
      )}
      {form.requiredColumns.map((c) => (
        <label className="field" key={c.name}>
          <span>
            {c.name} <span className="muted">{t('tn.required', { type: c.type })}</span>
          </span>
          <input value={values[c.name] ?? ''} onChange={(e) => setValues({ ...values, [c.name]: e.target.value })} />
        </label>
      ))}
      {form.optionalColumns
        .filter((c) => /^(plan|max_)/.test(c.name))
        .map((c) => (
          <label className="field" key={c.name}>
            <span>
              {c.name} <span className="muted">{t('tn.optional', { type: c.type })}</span>
            </span>
            <input value={values[c.name] ?? ''} onChange={(e) => setValues({ ...values, [c.name]: e.target.value })} />
          </label>
        ))}
      {form.supportsDomains && (
        <label className="field">
          <span>{t('tn.domains')}</span>
          <input value={domains} onChange={(e) => setDomains(e.target.value)} placeholder="clinica1.example.com" />
        </label>
      )}
      <p className="muted small">
        {form.hasProject
          ? t('tn.createPlan', {
              count: form.migrations.length,
              seeds: form.seeds.length ? t('tn.createSeeds', { count: form.seeds.length }) : '',
            })
          : t('tn.noProject')}
      </p>
      {error && <ErrorBox error={error} title={t('tn.notCreated')} />}
      <div className="actions">
        <button
          className="primary"
          type="submit"
          disabled={busy || !name.trim() || Boolean(problem) || !schema || missingRequired}
        >
          {busy ? t('tn.creating') : t('tn.create')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
