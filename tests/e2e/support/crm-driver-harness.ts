import type { DriverOutcome, DriverStep } from '../../../utils/messages';
import type { Location } from '../../../utils/handoff/types';
import { runLocation, searchLocations, type RunRequest } from '../../../utils/crm/driver';
import { checkPage } from '../../../utils/crm/check';
import { HIGHLEVEL_PROFILE } from '../../../utils/crm/profile';
import { CrmProfile } from '../../../utils/crm/profile-schema';

/**
 * Test-only: the CRM driver exposed on `window.crmDriver` so a Chromium test can run it in the
 * stand-in page before the extension build exists. Not part of the production build; the content
 * script wires the same functions to runtime messages (utils/crm/messaging.ts).
 */

export interface HarnessEvent {
  at: number;
  event: DriverStep | 'submit-intent' | 'locations-seen';
  detail?: number;
}

export interface HarnessRun {
  outcome: DriverOutcome;
  events: HarnessEvent[];
}

export interface HarnessSearch {
  reply: Awaited<ReturnType<typeof searchLocations>>;
  chunks: number[];
}

type Waits = Partial<CrmProfile['waits']>;

function context(waits: Waits = {}) {
  const profile = CrmProfile.parse({ ...HIGHLEVEL_PROFILE, waits: { ...HIGHLEVEL_PROFILE.waits, ...waits } });
  return { profile, doc: document, url: () => location.href };
}

const crmDriver = {
  async search(query: string, waits?: Waits): Promise<HarnessSearch> {
    const chunks: number[] = [];
    const reply = await searchLocations(query, context(waits), { onLocationsSeen: (locations: Location[]) => chunks.push(locations.length) });
    return { reply, chunks };
  },
  async run(request: RunRequest, options: { go?: boolean; waits?: Waits } = {}): Promise<HarnessRun> {
    const events: HarnessEvent[] = [];
    const started = performance.now();
    const note = (event: HarnessEvent['event'], detail?: number) => events.push({ at: Math.round(performance.now() - started), event, detail });
    const outcome = await runLocation(request, context(options.waits), {
      onStep: (step) => note(step),
      onLocationsSeen: (locations) => note('locations-seen', locations.length),
      confirmSubmit: async () => {
        note('submit-intent');
        return options.go ?? true;
      },
    });
    return { outcome, events };
  },
  check(waits?: Waits) {
    return checkPage(context(waits));
  },
};

declare global {
  interface Window {
    crmDriver: typeof crmDriver;
  }
}

window.crmDriver = crmDriver;
