import { throwawayCertificate } from './cert';
import { startCrm, type CrmStandIn } from './crm/server';
import { startTwilioApi, type TwilioApiStandIn } from './twilio-api/server';
import { startTwilioConsole, type ConsoleStandIn } from './twilio-console/server';

/** White-label host names the tests map onto the CRM stand-in besides the default one. */
export const WHITE_LABEL_HOSTS = ['app.myagency.test', 'app.otheragency.test'] as const;

export interface StandIns {
  api: TwilioApiStandIn;
  console: ConsoleStandIn;
  crm: CrmStandIn;
  /** The real host names and the 127.0.0.1 port of the stand-in that answers for each (HTTPS). */
  hosts: Readonly<Record<string, number>>;
  /** For Chromium's --host-resolver-rules: the real host names onto the local servers, nothing else. */
  hostResolverRules: string;
  close(): Promise<void>;
}

/**
 * Starts the three stand-ins on 127.0.0.1, each on a free port, with one throwaway certificate.
 * The real host names reach them only through Chromium's host resolver rules (Firefox: the proxy of
 * tests/e2e/firefox/host-proxy.ts, from `hosts`); every other name resolves to nothing, so a test
 * browser sends no traffic anywhere else.
 */
export async function startStandIns(): Promise<StandIns> {
  const cert = throwawayCertificate();
  const api = await startTwilioApi({ cert });
  const [consoleSite, crm] = await Promise.all([
    startTwilioConsole({ api: api.state, cert }),
    startCrm({ cert, twilioApiOrigin: api.origin, twilioApiCa: cert.cert }),
  ]);
  const hosts: Record<string, number> = {
    'console.twilio.com': consoleSite.port,
    'www.twilio.com': consoleSite.port,
    'api.twilio.com': api.port,
    'accounts.twilio.com': api.accountsPort,
    'app.gohighlevel.com': crm.port,
    ...Object.fromEntries(WHITE_LABEL_HOSTS.map((host) => [host, crm.port])),
  };
  const hostResolverRules = [
    ...Object.entries(hosts).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  return {
    api,
    console: consoleSite,
    crm,
    hosts,
    hostResolverRules,
    async close() {
      await Promise.all([consoleSite.close(), crm.close(), api.close()]);
    },
  };
}
