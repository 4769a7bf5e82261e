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
  /** For Chromium's --host-resolver-rules: the real host names onto the local servers, nothing else. */
  hostResolverRules: string;
  close(): Promise<void>;
}

/**
 * Starts the three stand-ins on 127.0.0.1, each on a free port, with one throwaway certificate.
 * The real host names reach them only through Chromium's host resolver rules; every other name
 * resolves to nothing, so a test browser sends no traffic anywhere else.
 */
export async function startStandIns(): Promise<StandIns> {
  const cert = throwawayCertificate();
  const api = await startTwilioApi({ cert });
  const [consoleSite, crm] = await Promise.all([
    startTwilioConsole({ api: api.state, cert }),
    startCrm({ cert, twilioApiOrigin: api.origin, twilioApiCa: cert.cert }),
  ]);
  const map = (host: string, port: number) => `MAP ${host} 127.0.0.1:${port}`;
  const hostResolverRules = [
    map('console.twilio.com', consoleSite.port),
    map('www.twilio.com', consoleSite.port),
    map('api.twilio.com', api.port),
    map('accounts.twilio.com', api.accountsPort),
    map('app.gohighlevel.com', crm.port),
    ...WHITE_LABEL_HOSTS.map((host) => map(host, crm.port)),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  return {
    api,
    console: consoleSite,
    crm,
    hostResolverRules,
    async close() {
      await Promise.all([consoleSite.close(), crm.close(), api.close()]);
    },
  };
}
