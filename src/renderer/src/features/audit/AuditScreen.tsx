import { Placeholder } from '../../components/Placeholder';

export function AuditScreen() {
  return <Placeholder title="Audit" text="This area is being built." />;
}
