import type { Handoff } from '../utils/handoff/types';
import { HandoffItem } from './HandoffItem';

export function HandoffList({ handoffs, now }: { handoffs: readonly Handoff[]; now: number }) {
  return (
    <ul class="handoffs">
      {handoffs.map((handoff) => (
        <li key={handoff.id}>
          <HandoffItem handoff={handoff} now={now} />
        </li>
      ))}
    </ul>
  );
}
