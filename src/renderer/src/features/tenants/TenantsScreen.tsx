import { Placeholder } from '../../components/Placeholder';

export function TenantsScreen() {
  return <Placeholder title="Tenants" text="This area is being built." />;
}
