import { reasonText } from '../../components/reason-text';
import { saveLocations } from '../locations-cache';
import type { CrmLocationsReply } from '../messages';
import { CrmTabError, ensureDriver, findOrOpenCrmTab, searchLocations } from './crm-tab';

/**
 * The CRM's locations as its Phone Integration page lists them, for an extension page (the bulk
 * connect plan): the driver goes into the CRM tab as for a handoff and types `query` into the page's
 * own search box ('' lists every location), reading every result page. What it saw goes into the
 * location cache, as a handoff's search does. Every failure is a sentence for the page.
 */
export async function listCrmLocations(host: string, query: string): Promise<CrmLocationsReply> {
  try {
    const doc = await ensureDriver(await findOrOpenCrmTab(host), host);
    const reply = await searchLocations(doc, host, query);
    if (!reply.ok) return { ok: false, message: reasonText(`driver:${reply.step}`, { ...reply.params, driverCode: reply.code }) };
    await saveLocations(host, reply.locations);
    return { ok: true, locations: reply.locations };
  } catch (error) {
    if (error instanceof CrmTabError) return { ok: false, message: reasonText(error.reason.code, error.reason.params) };
    return { ok: false, message: reasonText('crm-tab-error', { detail: error instanceof Error ? error.message : String(error) }) };
  }
}
