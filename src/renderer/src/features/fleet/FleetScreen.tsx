import { Placeholder } from '../../components/Placeholder';

export function FleetScreen() {
  return <Placeholder title="Fleet" text="This area is being built." />;
}
