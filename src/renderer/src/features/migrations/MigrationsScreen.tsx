import { Placeholder } from '../../components/Placeholder';

export function MigrationsScreen() {
  return <Placeholder title="Migrations" text="This area is being built." />;
}
