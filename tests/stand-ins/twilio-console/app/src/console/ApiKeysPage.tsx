import { useEffect, useId, useState } from 'react';
import type { ApiKeySummary, SessionResponse } from '../../../wire.ts';
import { api, formatDate } from '../shared/api.ts';
import { CopyIcon } from '../shared/icons.tsx';
import {
  Button,
  Card,
  DescriptionList,
  DescriptionListDetails,
  DescriptionListSet,
  DescriptionListTerm,
  Heading,
  HelpText,
  Paragraph,
  ScreenReaderOnly,
  SkeletonLoader,
  Table,
  TBody,
  Td,
  Text,
  Th,
  THead,
  Tr,
} from '../shared/paste.tsx';
import { RevealToggle } from './AccountInfo.tsx';
import { followLink } from './routes.ts';
import { useAccountInfo } from './useAccountInfo.ts';
import css from './console.module.css';
import infoCss from './accountInfo.module.css';

const BULLETS = '•'.repeat(32);

/** The Test credentials: another SID and its token, both shown in full, as the real page does. */
function TestCredentials({ sid, plainLabels }: { sid: string; plainLabels: boolean }) {
  const [pair, setPair] = useState<{ sid: string; token: string } | null>(null);
  const headingId = useId();
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const account = await api.account(sid);
      const token = await api.authToken(sid, 'test');
      if (!cancelled) setPair({ sid: account.testAccountSid, token });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [sid]);
  return (
    <section aria-labelledby={headingId} className={css.credentialsSection}>
      <Heading as="h3" variant="heading40" id={headingId}>
        Test credentials
      </Heading>
      <Paragraph>Requests made with test credentials are free, change nothing in your account, and send no messages.</Paragraph>
      {pair === null ? (
        <SkeletonLoader width="320px" />
      ) : (
        <DescriptionList>
          <DescriptionListSet>
            <DescriptionListTerm>{plainLabels ? 'Account SID' : 'Test Account SID'}</DescriptionListTerm>
            <DescriptionListDetails>
              <Text mono>{pair.sid}</Text>
            </DescriptionListDetails>
          </DescriptionListSet>
          <DescriptionListSet>
            <DescriptionListTerm>{plainLabels ? 'Auth Token' : 'Test Auth Token'}</DescriptionListTerm>
            <DescriptionListDetails>
              <Text mono>{pair.token}</Text>
            </DescriptionListDetails>
          </DescriptionListSet>
        </DescriptionList>
      )}
    </section>
  );
}

function ApiKeys({ sid }: { sid: string }) {
  const [keys, setKeys] = useState<ApiKeySummary[] | null>(null);
  const headingId = useId();
  useEffect(() => {
    api.apiKeys(sid).then((body) => setKeys(body.keys), () => setKeys([]));
  }, [sid]);
  return (
    <Card aria-labelledby={headingId}>
      <div className={css.pageHeader}>
        <Heading as="h2" variant="heading30" id={headingId}>
          API keys
        </Heading>
        <Button variant="secondary">Create API key</Button>
      </div>
      <Table aria-label="API keys">
        <THead>
          <Tr>
            <Th scope="col">Friendly name</Th>
            <Th scope="col">SID</Th>
            <Th scope="col">Type</Th>
            <Th scope="col">Date created</Th>
          </Tr>
        </THead>
        <TBody>
          {(keys ?? []).map((key) => (
            <Tr key={key.sid}>
              <Td>{key.friendlyName}</Td>
              <Td>
                <Text mono>{key.sid}</Text>
              </Td>
              <Td>{key.type}</Td>
              <Td>{formatDate(key.dateCreated)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/**
 * "API keys & tokens" (Account management → Keys & credentials): the account's Live credentials
 * (Account SID, Auth Token masked with Show, a "Request a secondary token" button), its Test
 * credentials in full, and its API keys (SK…). The Show control and its switches are Account Info's.
 */
export function ApiKeysPage({ session }: { session: SessionResponse }) {
  const sid = session.current.sid;
  const info = useAccountInfo(sid, session.flags);
  const [secondaryRequested, setSecondaryRequested] = useState(false);
  const cardId = useId();
  const liveId = useId();
  return (
    <div className={css.stack}>
      <div>
        <ol className={css.breadcrumb} aria-label="Breadcrumb">
          <li>
            <a href="/" onClick={followLink}>
              Account
            </a>
          </li>
          <li aria-hidden="true">/</li>
          <li>Keys &amp; credentials</li>
        </ol>
        <Heading as="h1" variant="heading10">
          API keys &amp; tokens
        </Heading>
        <Paragraph>Authenticate requests to the Twilio REST API with your Auth Token, or with API keys you can revoke one by one.</Paragraph>
      </div>
      <Card aria-labelledby={cardId}>
        <Heading as="h2" variant="heading30" id={cardId}>
          Auth tokens
        </Heading>
        <section aria-labelledby={liveId} className={css.credentialsSection}>
          <Heading as="h3" variant="heading40" id={liveId}>
            Live credentials
          </Heading>
          {info.data === null ? (
            <SkeletonLoader width="320px" />
          ) : (
            <DescriptionList>
              <DescriptionListSet>
                <DescriptionListTerm>Account SID</DescriptionListTerm>
                <DescriptionListDetails>
                  <Text mono>{info.data.account.sid}</Text>
                  <Button variant="icon" onClick={info.copySid}>
                    <CopyIcon />
                    <ScreenReaderOnly>Copy Account SID</ScreenReaderOnly>
                  </Button>
                </DescriptionListDetails>
              </DescriptionListSet>
              <DescriptionListSet>
                <DescriptionListTerm>Auth Token</DescriptionListTerm>
                <DescriptionListDetails>
                  {info.token === null ? (
                    <Text mono className={infoCss.masked}>
                      {BULLETS}
                    </Text>
                  ) : (
                    <Text mono>{info.token}</Text>
                  )}
                  {info.reveal === 'hidden' ? null : (
                    <RevealToggle
                      as={session.flags.showControl}
                      label={info.token === null ? (info.revealing ? 'Loading…' : 'Show') : 'Hide'}
                      disabled={info.token === null && (info.reveal === 'disabled' || info.revealing)}
                      onPress={info.token === null ? info.show : info.hide}
                    />
                  )}
                  <Button variant="icon" disabled={info.reveal !== 'allowed' && info.token === null} onClick={info.copyToken}>
                    <CopyIcon />
                    <ScreenReaderOnly>Copy Auth Token</ScreenReaderOnly>
                  </Button>
                </DescriptionListDetails>
              </DescriptionListSet>
            </DescriptionList>
          )}
          <Button variant="secondary" size="small" onClick={() => setSecondaryRequested(true)}>
            Request a secondary token
          </Button>
          {secondaryRequested ? <HelpText role="status">A secondary token was requested.</HelpText> : null}
          {info.error ? (
            <HelpText variant="error" role="alert">
              {info.error}
            </HelpText>
          ) : null}
        </section>
        <TestCredentials sid={sid} plainLabels={session.flags.apiKeysTestLabels === 'plain'} />
      </Card>
      <ApiKeys sid={sid} />
    </div>
  );
}
