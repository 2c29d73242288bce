import { useEffect, useMemo, useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { schemaNameProblem, suggestSchemaName, type CreateForm } from '../../../../shared/model/tenants';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { toErrorData } from '../../stores/app';
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

  if (formError) return <ErrorBox error={formError} title="Cannot create tenants here" />;
  if (!form) return <p className="muted">Reading the registry…</p>;
  return (
    <form
      className="profile-form create-tenant"
      aria-label="New tenant"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>New tenant</h2>
      <label className="field">
        <span>Display name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={200} />
      </label>
      <label className="field">
        <span>Schema name</span>
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
      {problem ? <p className="field-error small">{problem}</p> : schema && <p className="muted small">✓ a safe, free name</p>}
      {form.requiredColumns.map((c) => (
        <label className="field" key={c.name}>
          <span>
            {c.name} <span className="muted">({c.type}, required)</span>
          </span>
          <input value={values[c.name] ?? ''} onChange={(e) => setValues({ ...values, [c.name]: e.target.value })} />
        </label>
      ))}
      {form.optionalColumns
        .filter((c) => /^(plan|max_)/.test(c.name))
        .map((c) => (
          <label className="field" key={c.name}>
            <span>
              {c.name} <span className="muted">({c.type}, optional)</span>
            </span>
            <input value={values[c.name] ?? ''} onChange={(e) => setValues({ ...values, [c.name]: e.target.value })} />
          </label>
        ))}
      {form.supportsDomains && (
        <label className="field">
          <span>Domains (space or comma separated; the first is primary)</span>
          <input value={domains} onChange={(e) => setDomains(e.target.value)} placeholder="clinica1.example.com" />
        </label>
      )}
      <p className="muted small">
        {form.hasProject
          ? `In one transaction: create the schema, apply ${form.migrations.length} tenant migrations${form.seeds.length ? `, run ${form.seeds.length} seeds` : ''}, register it. Any failure leaves nothing behind.`
          : 'No project folder: the schema is created empty and registered (no tenant migrations).'}
      </p>
      {error && <ErrorBox error={error} title="Not created" />}
      <div className="actions">
        <button className="primary" type="submit" disabled={busy || !name.trim() || Boolean(problem) || !schema || missingRequired}>
          {busy ? 'Creating…' : 'Create tenant'}
        </button>
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
