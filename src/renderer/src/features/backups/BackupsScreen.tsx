import { Placeholder } from '../../components/Placeholder';

export function BackupsScreen() {
  return <Placeholder title="Backups" text="This area is being built." />;
}
