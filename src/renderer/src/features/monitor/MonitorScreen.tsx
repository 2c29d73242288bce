import { Placeholder } from '../../components/Placeholder';

export function MonitorScreen() {
  return <Placeholder title="Monitor" text="This area is being built." />;
}
