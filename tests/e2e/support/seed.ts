import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../utils/audit';
import { Handoff, type HandoffState, type Location } from '../../../utils/handoff/types';
import type { Settings } from '../../../utils/settings';
import type { ExtensionBrowser } from '../harness';

/**
 * Realistic stored data for the popup and the options page, written through the service worker the
 * way the background writes it: handoffs (storage.session), the CRM's locations as last seen, the
 * audit log and settings (storage.local). For the accessibility checks and the README screenshots,
 * which need every state on screen without running each through the stand-ins. No Auth Token is
 * seeded: these pages never render one.
 */
const HOST = 'app.gohighlevel.com';

/** A stable, real-looking Account SID per name. */
export function sidFor(name: string): string {
  return 'AC' + createHash('sha256').update(name).digest('hex').slice(0, 32);
}

/** A stable HighLevel-style location id (20 letters and digits) per name. */
export function locationIdFor(name: string): string {
  const digest = createHash('sha256').update(`location:${name}`).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return digest.slice(0, 20);
}

function location(name: string, sid?: string): Location {
  return { id: locationIdFor(name), name, sid: sid ?? null, managedBy: sid ? 'twilio' : 'not-available' };
}

const TWIN = 'Twin Pines Dental - Eugene';
/** Two locations with exactly the same name, told apart only by their ids. */
const TWINS: Location[] = [
  { id: locationIdFor(`${TWIN} #1`), name: TWIN, sid: null, managedBy: 'not-available' },
  { id: locationIdFor(`${TWIN} #2`), name: TWIN, sid: null, managedBy: 'not-available' },
];

/** The locations the CRM's Phone Integration page showed, as the popup's search knows them. */
export function seededLocations(): Location[] {
  const named = [
    'Acme Dental - Austin',
    'Bayside Pediatrics - Tampa',
    'Cedar Vet Clinic - Salem',
    'Delta Physio - Reno',
    'Evergreen Law Group - Portland',
    'Harbor Chiropractic - Mobile',
    'Summit Orthodontics - Boise',
    'Lakeside Spa - Ogden',
    'Oakridge Physio - Reno',
    'Maple Street Vets - Salem',
  ].map((name) => location(name, name.startsWith('Cedar') ? sidFor('Cedar Vet (old)') : undefined));
  const generated = Array.from({ length: 60 }, (_, i) => location(`Client Location ${String(i + 1).padStart(2, '0')} - Springfield`));
  return [...TWINS, ...named, ...generated];
}

const byName = (name: string) => seededLocations().find((l) => l.name === name)!;

interface Draft {
  state: HandoffState;
  friendlyName?: string;
  minutesAgo: number;
  extra?: Partial<Handoff>;
}

/** One handoff in each state of DESIGN.md §2, with the reasons the background writes. */
const EVERY_STATE: Draft[] = [
  { state: 'captured', friendlyName: 'Summit Orthodontics - Boise', minutesAgo: 0 },
  { state: 'verifying', minutesAgo: 1 },
  { state: 'verified', friendlyName: 'Lakeside Spa - Ogden', minutesAgo: 1 },
  {
    state: 'rejected',
    friendlyName: 'Agency Master',
    minutesAgo: 2,
    extra: {
      isMasterAccount: true,
      reasonCode: 'master-account',
      reason:
        'This is a master (parent) Twilio account, not a sub-account. Each CRM location should get its own sub-account; if you really mean to use the master account, override this in the extension popup.',
    },
  },
  { state: 'matched', friendlyName: 'Oakridge Physio - Reno', minutesAgo: 2, extra: { location: byName('Oakridge Physio - Reno') } },
  {
    state: 'needs-choice',
    friendlyName: TWIN,
    minutesAgo: 3,
    extra: {
      reasonCode: 'several-names',
      reason: `More than one CRM location is named "${TWIN}". Choose the right one in the extension popup.`,
      candidates: TWINS.map((l) => ({ location: l, score: 1 })),
    },
  },
  {
    state: 'needs-replace-confirmation',
    friendlyName: 'Cedar Vet Clinic - Salem',
    minutesAgo: 4,
    extra: { location: byName('Cedar Vet Clinic - Salem'), previousSid: sidFor('Cedar Vet (old)') },
  },
  { state: 'filling', friendlyName: 'Maple Street Vets - Salem', minutesAgo: 4, extra: { location: byName('Maple Street Vets - Salem'), previousSid: null } },
  {
    state: 'filled',
    friendlyName: 'Bayside Pediatrics - Tampa',
    minutesAgo: 5,
    extra: { location: byName('Bayside Pediatrics - Tampa'), previousSid: null, waitForAdmin: true },
  },
  { state: 'submitting', friendlyName: 'Harbor Chiropractic - Mobile', minutesAgo: 5, extra: { location: byName('Harbor Chiropractic - Mobile'), previousSid: null, submissions: 1 } },
  { state: 'authorized', friendlyName: 'Acme Dental - Austin', minutesAgo: 6, extra: { location: byName('Acme Dental - Austin'), previousSid: null, submissions: 1 } },
  {
    state: 'failed',
    friendlyName: 'Delta Physio - Reno',
    minutesAgo: 7,
    extra: {
      location: byName('Delta Physio - Reno'),
      previousSid: null,
      submissions: 1,
      reasonCode: 'crm-error',
      reason: 'The CRM did not accept the credentials: Invalid Twilio credentials. Please check the Account SID and Auth Token.',
    },
  },
  {
    state: 'needs-check',
    friendlyName: 'Evergreen Law Group - Portland',
    minutesAgo: 8,
    extra: {
      location: byName('Evergreen Law Group - Portland'),
      previousSid: null,
      submissions: 1,
      reasonCode: 'interrupted',
      reason:
        'The extension was interrupted after it clicked Authorize and cannot tell whether the CRM saved the credentials. Open the location in the CRM and check; the extension will not submit again by itself.',
    },
  },
  { state: 'expired', friendlyName: 'Riverbend Family Dental - Boise', minutesAgo: 30 },
  { state: 'discarded', friendlyName: 'Northstar Fitness - Fargo', minutesAgo: 40 },
];

function build(draft: Draft, index: number, now: number): Handoff {
  const createdAt = now - draft.minutesAgo * 60_000 - index * 1_000;
  const handoff: Handoff = {
    id: `seed-${String(index).padStart(2, '0')}-${draft.state}`,
    state: draft.state,
    createdAt,
    updatedAt: createdAt + 20_000,
    // The default 15-minute lifetime: the older seeds (expired, discarded) are past it.
    expiresAt: createdAt + 15 * 60_000,
    sid: sidFor(draft.friendlyName ?? `unnamed ${index}`),
    crmHost: HOST,
    submissions: 0,
    steps: [{ at: createdAt, step: 'captured' }],
    ...(draft.friendlyName ? { friendlyName: draft.friendlyName } : {}),
    ...draft.extra,
  };
  // The schema the popup reads with: a seed that fails it would be silently left out.
  return Handoff.parse(handoff);
}

/** A handoff in each of the 15 states, newest first. */
export function everyStateHandoffs(now = Date.now()): Handoff[] {
  return EVERY_STATE.map((draft, index) => build(draft, index, now));
}

/** What an admin's popup typically shows: one waiting for a choice, one waiting for a click, one done. */
export function showcaseHandoffs(now = Date.now()): Handoff[] {
  const wanted: HandoffState[] = ['needs-choice', 'filled', 'authorized'];
  return everyStateHandoffs(now).filter((h) => wanted.includes(h.state));
}

/** The audit log after a morning's work (oldest first, as stored). */
export function seededAudit(now = Date.now()): AuditEntry[] {
  const row = (minutesAgo: number, name: string, outcome: AuditEntry['outcome'], extra: Partial<AuditEntry> = {}): AuditEntry => ({
    at: now - minutesAgo * 60_000,
    friendlyName: name,
    sid: sidFor(name),
    locationName: name,
    locationId: locationIdFor(name),
    replacedSid: null,
    outcome,
    ...extra,
  });
  return [
    row(185, 'Oakridge Physio - Reno', 'authorized'),
    row(160, 'Maple Street Vets - Salem', 'authorized', { replacedSid: sidFor('Maple Street Vets (old)') }),
    row(95, 'Agency Master', 'rejected', {
      locationName: undefined,
      locationId: undefined,
      reason: 'This is a master (parent) Twilio account, not a sub-account.',
    }),
    row(40, 'Delta Physio - Reno', 'failed', {
      reason: 'The CRM did not accept the credentials: Invalid Twilio credentials. Please check the Account SID and Auth Token.',
    }),
    row(12, 'Acme Dental - Austin', 'authorized'),
  ];
}

export interface Seed {
  handoffs: Handoff[];
  locations?: Location[];
  audit?: AuditEntry[];
  settings?: Settings;
  /** When the locations were seen on the CRM page. */
  locationsSeenAt?: number;
}

/** Replaces the stored handoffs and writes the rest, through the service worker. */
export async function seedExtension(ext: ExtensionBrowser, seed: Seed): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(async ({ seed, host }) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    await api.storage.session.clear();
    const session: Record<string, unknown> = {};
    for (const handoff of seed.handoffs) session[`handoff:${handoff.id}`] = handoff;
    await api.storage.session.set(session);
    const local: Record<string, unknown> = {};
    if (seed.locations) local[`locations:${host}`] = { seenAt: seed.locationsSeenAt ?? Date.now(), locations: seed.locations };
    if (seed.audit) {
      // As utils/audit.ts keeps it: pages of 50 rows listed by `audit-pages`, and nothing of the log before.
      const stale = Object.keys(await api.storage.local.get(null)).filter((key) => key === 'audit' || key === 'audit-pages' || key.startsWith('audit:'));
      await api.storage.local.remove(stale);
      const pages: Array<{ n: number; count: number }> = [];
      for (let i = 0; i < seed.audit.length; i += 50) {
        const rows = seed.audit.slice(i, i + 50);
        pages.push({ n: pages.length + 1, count: rows.length });
        local[`audit:${pages.length}`] = rows;
      }
      local['audit-pages'] = pages;
    }
    if (seed.settings) local.settings = seed.settings;
    await api.storage.local.set(local);
  }, { seed, host: HOST });
}
