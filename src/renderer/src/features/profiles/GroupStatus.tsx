import { useEffect } from 'react';
import { ENVIRONMENT_COLORS } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useProfileGroups, type GroupMemberStatus } from '../../stores/profile-groups';
import { useProfiles } from '../../stores/profiles';

/** Migration status of every database of a group, grouped by server (read-only). */
export function GroupStatus() {
  const { groups, activeGroup, members, loadStatuses } = useProfileGroups();
  const { profiles } = useProfiles();
  const { t } = useT();
  useEffect(() => {
    if (!members.length) void loadStatuses();
  }, [members.length, loadStatuses]);
  const group = groups.find((g) => g.name === activeGroup);
  if (!group) return null;
  const done = members.filter((m) => m.state !== 'loading');
  const failing = done.filter(
    (m) =>
      m.state === 'failed' ||
      (m.status && m.status.counts.behind + m.status.counts.failed + m.status.counts.drifted > 0),
  );
  return (
    <div className="screen group-status">
      <header className="screen-head">
        <h1>{t('groups.statusTitle', { name: group.name })}</h1>
        <button onClick={() => void loadStatuses()}>{t('groups.reload')}</button>
      </header>
      <p className="muted" data-testid="group-total">
        {t('groups.total', {
          count: group.profileIds.length,
          ok: done.length - failing.length,
          attention: failing.length,
        })}
      </p>
      {members.map((m) => {
        const profile = profiles.find((p) => p.id === m.profileId);
        return (
          <ServerSection
            key={m.profileId}
            member={m}
            name={profile?.name ?? m.profileId}
            environment={profile?.environment}
            where={profile ? `${profile.database} · ${profile.host}:${profile.port}` : ''}
          />
        );
      })}
    </div>
  );
}

function ServerSection({
  member,
  name,
  environment,
  where,
}: {
  member: GroupMemberStatus;
  name: string;
  environment?: 'local' | 'staging' | 'production';
  where: string;
}) {
  const { t } = useT();
  const s = member.status;
  const rows =
    s?.tenants.filter((r) => r.shared || r.named || r.pending.length || r.failed.length || r.drifted.length) ?? [];
  return (
    <section
      className="card group-server"
      aria-label={t('groups.server', { name })}
      data-testid={`group-server-${name}`}
    >
      <h2>
        {environment && <span className="env-dot" style={{ background: ENVIRONMENT_COLORS[environment] }} />} {name}{' '}
        <span className="muted small">
          {environment ? t(`env.${environment}`) : ''} · {where}
        </span>
      </h2>
      {member.state === 'loading' && <p className="muted">{t('groups.loading')}</p>}
      {member.error && <ErrorBox error={member.error} />}
      {s && (
        <>
          <p>
            {t('groups.counts', {
              tenants: s.counts.tenants,
              upToDate: s.counts.upToDate,
              behind: s.counts.behind,
              failed: s.counts.failed,
            })}
          </p>
          {rows.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('groups.schema')}</th>
                  <th scope="col">{t('groups.kind')}</th>
                  <th scope="col">{t('groups.pending')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.schema}>
                    <td>{r.schema}</td>
                    <td>
                      {r.shared ? t('groups.kind.shared') : r.named ? t('groups.kind.named') : t('groups.kind.tenant')}
                    </td>
                    <td>
                      {r.failed.length
                        ? t('groups.failedAt', { name: r.failed.join(', ') })
                        : r.pending.join(', ') || t('groups.upToDate')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
