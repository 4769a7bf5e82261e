import type { ConsoleRegion } from '../../../wire.ts';
import css from './console.module.css';

const LEGACY_ORIGIN = 'https://www.twilio.com';

/**
 * Legacy pages inside the new console: the console keeps its chrome and frames the old page from
 * www.twilio.com, adding the region parameter, as the real console does with `?frameUrl=`.
 */
export function FramedPage({ frameUrl, region }: { frameUrl: string; region: ConsoleRegion }) {
  const target = new URL(frameUrl, LEGACY_ORIGIN);
  if (target.origin !== LEGACY_ORIGIN || !target.pathname.startsWith('/console')) {
    return <p>This page cannot be displayed.</p>;
  }
  target.searchParams.set('x-target-region', region);
  return <iframe className={css.frame} title="Twilio Console" src={target.href} />;
}
