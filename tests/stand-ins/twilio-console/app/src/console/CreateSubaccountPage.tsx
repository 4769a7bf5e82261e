import { useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.ts';
import { Button, Card, Heading, HelpText, Input, Label, Paragraph } from '../shared/paste.tsx';
import { navigate } from '../shared/router.ts';
import { followLink, usePaths } from './routes.ts';
import css from './console.module.css';

export function CreateSubaccountPage() {
  const nameId = useId();
  const helpId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { subaccounts } = usePaths();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Enter a friendly name for the subaccount.');
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const account = await api.createSubaccount(name.trim());
      navigate(`${subaccounts}?created=${encodeURIComponent(account.sid)}`);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
      setSubmitting(false);
    }
  };

  return (
    <>
      <ol className={css.breadcrumb} aria-label="Breadcrumb">
        <li>
          <a href={subaccounts} onClick={followLink}>
            Subaccounts
          </a>
        </li>
        <li aria-hidden="true">/</li>
        <li>Create</li>
      </ol>
      <Heading as="h1" variant="heading10">
        Create new subaccount
      </Heading>
      <Paragraph>A subaccount gets its own Account SID and Auth Token, phone numbers and usage.</Paragraph>
      <Card className={css.formCard}>
        <form data-paste-element="FORM" onSubmit={submit} noValidate>
          <div className={css.field} data-paste-element="FORM_CONTROL">
            <Label htmlFor={nameId} required>
              Friendly name
            </Label>
            <Input
              id={nameId}
              name="friendlyName"
              type="text"
              autoComplete="off"
              aria-describedby={helpId}
              aria-invalid={error ? true : undefined}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setError(null);
              }}
            />
            <HelpText id={helpId} variant={error ? 'error' : 'default'}>
              {error ?? 'Use your customer’s location name and company name, e.g. “Acme Dental - Austin”.'}
            </HelpText>
          </div>
          <div className={css.actions}>
            <Button variant="primary" type="submit" disabled={submitting}>
              {submitting ? 'Creating…' : 'Create'}
            </Button>
            <Button variant="secondary" onClick={() => navigate(subaccounts)}>
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}
