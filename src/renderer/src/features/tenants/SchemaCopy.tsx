import { useState } from 'react';
import { useT } from '../../i18n';

/** The chosen tenant's full schema name, whole and selectable, with a button that copies it. */
export function SchemaCopy({ schema }: { schema: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(schema);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="t-schema-line">
      <code className="mono small" data-testid="detail-schema">
        {schema}
      </code>
      <button className="ghost small" onClick={() => void copy()} aria-label={t('tn.copySchema', { schema })}>
        {copied ? t('tn.copied') : t('tn.copy')}
      </button>
    </div>
  );
}
