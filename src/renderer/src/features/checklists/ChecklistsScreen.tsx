import { Placeholder } from '../../components/Placeholder';

export function ChecklistsScreen() {
  return <Placeholder title="Checklists" text="This area is being built." />;
}
