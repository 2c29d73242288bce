import { Placeholder } from '../../components/Placeholder';

export function ChecksScreen() {
  return <Placeholder title="Verification" text="This area is being built." />;
}
