import type { HandoffState } from '../utils/handoff/types';
import { STATE_TEXT } from './text';

type Tone = 'progress' | 'attention' | 'success' | 'danger' | 'neutral';

const TONE: Record<HandoffState, Tone> = {
  captured: 'progress',
  verifying: 'progress',
  verified: 'progress',
  rejected: 'danger',
  matched: 'progress',
  'needs-choice': 'attention',
  'needs-replace-confirmation': 'attention',
  filling: 'progress',
  filled: 'attention',
  submitting: 'progress',
  authorized: 'success',
  failed: 'danger',
  'needs-check': 'attention',
  expired: 'neutral',
  discarded: 'neutral',
};

export function StateBadge({ state }: { state: HandoffState }) {
  return <span class={`badge badge--${TONE[state]}`}>{STATE_TEXT[state]}</span>;
}
