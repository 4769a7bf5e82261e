import type { SessionResponse } from '../../../wire.ts';
import { Anchor, Badge, Card, Heading, Paragraph, Text } from '../shared/paste.tsx';
import { AccountInfo } from './AccountInfo.tsx';
import { StatusBadge } from './SubaccountsPage.tsx';
import { dashboardHref, followLink, usePaths } from './routes.ts';
import css from './console.module.css';

const GET_STARTED = [
  { title: 'Get a phone number', body: 'Buy a local, toll-free or mobile number to send messages and make calls.', link: 'Buy a number' },
  { title: 'Send your first SMS', body: 'Try messaging from the Console before you write any code.', link: 'Try it out' },
  { title: 'Explore products', body: 'Voice, Messaging, Verify, Conversations and more.', link: 'View all products' },
];

export function DashboardPage({ session }: { session: SessionResponse }) {
  const account = session.current;
  const { prefix } = usePaths();
  return (
    <div className={css.stack}>
      <div>
        <Heading as="h1" variant="heading10" marginBottom={false}>
          {account.friendlyName}
        </Heading>
        <div className={css.titleRow}>
          <StatusBadge status={account.status} />
          <Badge variant="new">{account.isSubaccount ? 'Subaccount' : `${account.type} account`}</Badge>
          {account.isSubaccount ? (
            <Text weak>
              of{' '}
              <Anchor href={dashboardHref(session.master.sid)} onClick={followLink}>
                {session.master.friendlyName}
              </Anchor>
            </Text>
          ) : null}
        </div>
      </div>
      <section aria-label="Get started">
        <Heading as="h2" variant="heading30">
          Get started with Twilio
        </Heading>
        <div className={css.grid}>
          {GET_STARTED.map((item) => (
            <Card key={item.title}>
              <Heading as="h3" variant="heading40">
                {item.title}
              </Heading>
              <Paragraph>{item.body}</Paragraph>
              <Anchor href={`${prefix}/develop/phone-numbers/manage/search`}>{item.link}</Anchor>
            </Card>
          ))}
        </div>
      </section>
      <AccountInfo key={account.sid} sid={account.sid} flags={session.flags} />
    </div>
  );
}
