import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../wire.ts';
import { api, formatDate } from '../shared/api.ts';
import { SuccessIcon } from '../shared/icons.tsx';
import {
  Anchor,
  Badge,
  Button,
  Heading,
  Input,
  Paragraph,
  SkeletonLoader,
  Table,
  TBody,
  Td,
  Text,
  Th,
  THead,
  Toast,
  Tr,
} from '../shared/paste.tsx';
import { navigate } from '../shared/router.ts';
import { dashboardHref, followLink, usePaths } from './routes.ts';
import css from './console.module.css';

const STATUS_BADGE = { active: 'success', suspended: 'warning', closed: 'error' } as const;

export function StatusBadge({ status }: { status: AccountSummary['status'] }) {
  return <Badge variant={STATUS_BADGE[status]}>{status[0]?.toUpperCase() + status.slice(1)}</Badge>;
}

export function SubaccountsPage() {
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const paths = usePaths();
  const created = new URLSearchParams(window.location.search).get('created');

  useEffect(() => {
    api.subaccounts().then(
      (body) => setAccounts(body.accounts),
      (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)),
    );
  }, []);

  const shown = accounts?.filter((account) => account.friendlyName.toLowerCase().includes(filter.trim().toLowerCase()));
  const createdAccount = created ? accounts?.find((account) => account.sid === created) : undefined;

  return (
    <>
      {createdAccount ? (
        <Toast>
          <SuccessIcon />
          <Text>Subaccount “{createdAccount.friendlyName}” was created.</Text>
        </Toast>
      ) : null}
      <ol className={css.breadcrumb} aria-label="Breadcrumb">
        <li>
          <a href="/" onClick={followLink}>
            Account
          </a>
        </li>
        <li aria-hidden="true">/</li>
        <li>Manage account</li>
      </ol>
      <div className={css.pageHeader}>
        <div className={css.pageHeaderText}>
          <Heading as="h1" variant="heading10">
            Subaccounts
          </Heading>
          <Paragraph>
            Subaccounts let you segment usage, phone numbers and credentials per customer. Each subaccount has its
            own Account SID and Auth Token.
          </Paragraph>
        </div>
        <Button variant="primary" onClick={() => navigate(paths.createSubaccount)}>
          Create Account
        </Button>
      </div>
      <div className={css.filter}>
        <Input
          type="search"
          placeholder="Filter by friendly name"
          aria-label="Filter by friendly name"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {error ? <Paragraph>Unable to load subaccounts: {error}</Paragraph> : null}
      <Table aria-label="Subaccounts">
        <THead>
          <Tr>
            <Th scope="col">Friendly name</Th>
            <Th scope="col">SID</Th>
            <Th scope="col">Status</Th>
            <Th scope="col">Type</Th>
            <Th scope="col">Created</Th>
          </Tr>
        </THead>
        <TBody>
          {shown === undefined ? (
            [0, 1, 2].map((row) => (
              <Tr key={row}>
                {[0, 1, 2, 3, 4].map((cell) => (
                  <Td key={cell}>
                    <SkeletonLoader />
                  </Td>
                ))}
              </Tr>
            ))
          ) : shown.length === 0 ? (
            <Tr>
              <Td colSpan={5}>
                <div className={css.empty}>{accounts?.length ? 'No subaccounts match this filter.' : 'You have no subaccounts yet.'}</div>
              </Td>
            </Tr>
          ) : (
            shown.map((account) => (
              <Tr key={account.sid}>
                <Td>
                  <Anchor className={css.nameLink} href={dashboardHref(account.sid)} onClick={followLink}>
                    {account.friendlyName}
                  </Anchor>
                </Td>
                <Td>
                  <Text mono>{account.sid}</Text>
                </Td>
                <Td>
                  <StatusBadge status={account.status} />
                </Td>
                <Td>{account.type}</Td>
                <Td>{formatDate(account.dateCreated)}</Td>
              </Tr>
            ))
          )}
        </TBody>
      </Table>
    </>
  );
}
