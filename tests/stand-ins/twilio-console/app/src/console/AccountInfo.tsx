import { useId, type KeyboardEvent, type MouseEvent } from 'react';
import type { ConsoleFlags, ShowControl } from '../../../wire.ts';
import { CopyIcon, HideIcon, ShowIcon } from '../shared/icons.tsx';
import {
  Anchor,
  Button,
  Card,
  DescriptionList,
  DescriptionListDetails,
  DescriptionListSet,
  DescriptionListTerm,
  Heading,
  HelpText,
  Input,
  Label,
  ScreenReaderOnly,
  SkeletonLoader,
  Table,
  TBody,
  Td,
  Text,
  Th,
  Tr,
} from '../shared/paste.tsx';
import { usePaths } from './routes.ts';
import { useAccountInfo, type AccountInfoState } from './useAccountInfo.ts';
import css from './accountInfo.module.css';

const BULLETS = '•'.repeat(32);
const ASTERISKS = '*'.repeat(32);
const NO_PERMISSION = 'Only the account owner or an administrator can view the Auth Token.';

type VariantProps = { sid: string; info: AccountInfoState; headingId: string; showControl: ShowControl };

function Copied({ show }: { show: boolean }) {
  return show ? (
    <span role="status" className={css.copied}>
      Copied!
    </span>
  ) : null;
}

function Notes({ info }: { info: AccountInfoState }) {
  return (
    <>
      {info.reveal !== 'allowed' && info.token === null ? <HelpText className={css.note}>{NO_PERMISSION}</HelpText> : null}
      {info.error ? (
        <HelpText variant="error" className={css.note} role="alert">
          {info.error}
        </HelpText>
      ) : null}
    </>
  );
}

function PhoneNumber({ numbers }: { numbers: string[] }) {
  const { prefix } = usePaths();
  const [first, ...rest] = numbers;
  if (first === undefined) {
    return (
      <>
        <Text weak>No phone numbers yet</Text>
        <Anchor href={`${prefix}/develop/phone-numbers/manage/search`}>Get a phone number</Anchor>
      </>
    );
  }
  return (
    <>
      <Text>{first}</Text>
      {rest.length ? <Anchor href={`${prefix}/develop/phone-numbers/manage/incoming`}>+{rest.length} more</Anchor> : null}
    </>
  );
}

/**
 * Show / Hide as the `showControl` switch draws it: a Paste button, an anchor to "#" (the click is
 * the page's, the "#" never followed), or an element with role=link that takes Enter too. A disabled
 * link cannot be :disabled, so it says aria-disabled and does nothing.
 */
export function RevealToggle({ as, label, disabled, onPress }: { as: ShowControl; label: string; disabled: boolean; onPress: () => void }) {
  if (as === 'button') {
    return (
      <Button variant="secondary" size="small" disabled={disabled} onClick={onPress}>
        {label}
      </Button>
    );
  }
  const press = (event: MouseEvent | KeyboardEvent) => {
    event.preventDefault();
    if (!disabled) onPress();
  };
  if (as === 'link') {
    return (
      <Anchor href="#" aria-disabled={disabled || undefined} onClick={press}>
        {label}
      </Anchor>
    );
  }
  return (
    <span
      role="link"
      tabIndex={0}
      className={css.roleLink}
      aria-disabled={disabled || undefined}
      onClick={press}
      onKeyDown={(event) => event.key === 'Enter' && press(event)}
    >
      {label}
    </span>
  );
}

/** Paste Card + DescriptionList; token masked as bullets with a text "Show" button (or link: `showControl`). */
function PasteCardVariant({ sid, info, headingId, showControl }: VariantProps) {
  return (
    <Card aria-labelledby={headingId}>
      <Heading as="h2" variant="heading30" id={headingId}>
        Account Info
      </Heading>
      <DescriptionList>
        <DescriptionListSet>
          <DescriptionListTerm>Account SID</DescriptionListTerm>
          <DescriptionListDetails>
            <Text mono>{sid}</Text>
            <Button variant="icon" onClick={info.copySid}>
              <CopyIcon />
              <ScreenReaderOnly>Copy Account SID</ScreenReaderOnly>
            </Button>
            <Copied show={info.copied === 'sid'} />
          </DescriptionListDetails>
        </DescriptionListSet>
        <DescriptionListSet>
          <DescriptionListTerm>Auth Token</DescriptionListTerm>
          <DescriptionListDetails>
            {info.token === null ? <Text mono className={css.masked}>{BULLETS}</Text> : <Text mono>{info.token}</Text>}
            {info.reveal === 'hidden' ? null : info.token === null ? (
              <RevealToggle
                as={showControl}
                label={info.revealing ? 'Loading…' : 'Show'}
                disabled={info.reveal === 'disabled' || info.revealing}
                onPress={info.show}
              />
            ) : (
              <RevealToggle as={showControl} label="Hide" disabled={false} onPress={info.hide} />
            )}
            <Button variant="icon" disabled={info.reveal !== 'allowed' && info.token === null} onClick={info.copyToken}>
              <CopyIcon />
              <ScreenReaderOnly>Copy Auth Token</ScreenReaderOnly>
            </Button>
            <Copied show={info.copied === 'token'} />
          </DescriptionListDetails>
        </DescriptionListSet>
        <DescriptionListSet>
          <DescriptionListTerm>My Twilio phone number</DescriptionListTerm>
          <DescriptionListDetails>
            <PhoneNumber numbers={info.data?.phoneNumbers ?? []} />
          </DescriptionListDetails>
        </DescriptionListSet>
      </DescriptionList>
      <Notes info={info} />
    </Card>
  );
}

/** A table with row headers; the token toggle is an eye icon whose only name is its aria-label. */
function TableVariant({ sid, info, headingId }: VariantProps) {
  const revealed = info.token !== null;
  return (
    <Card aria-labelledby={headingId}>
      <Heading as="h2" variant="heading30" id={headingId}>
        Account info
      </Heading>
      <Table>
        <TBody>
          <Tr>
            <Th scope="row" className={css.rowHeader}>
              Account SID
            </Th>
            <Td>
              <span className={css.value}>
                <Text mono>{sid}</Text>
              </span>
            </Td>
            <Td className={css.controlsCell}>
              <span className={css.controls}>
                <Button variant="icon" aria-label="Copy" title="Copy" onClick={info.copySid}>
                  <CopyIcon />
                </Button>
                <Copied show={info.copied === 'sid'} />
              </span>
            </Td>
          </Tr>
          <Tr>
            <Th scope="row" className={css.rowHeader}>
              Auth token
            </Th>
            <Td>
              <span className={css.value}>
                {revealed ? <Text mono>{info.token}</Text> : <Text mono className={css.masked}>{ASTERISKS}</Text>}
              </span>
            </Td>
            <Td className={css.controlsCell}>
              <span className={css.controls}>
                {info.reveal === 'hidden' ? null : (
                  <Button
                    variant="icon"
                    aria-label={revealed ? 'Hide auth token' : 'Show auth token'}
                    aria-pressed={revealed}
                    disabled={!revealed && (info.reveal === 'disabled' || info.revealing)}
                    onClick={revealed ? info.hide : info.show}
                  >
                    {revealed ? <HideIcon /> : <ShowIcon />}
                  </Button>
                )}
                <Button
                  variant="icon"
                  aria-label="Copy"
                  title="Copy"
                  disabled={info.reveal !== 'allowed' && !revealed}
                  onClick={info.copyToken}
                >
                  <CopyIcon />
                </Button>
                <Copied show={info.copied === 'token'} />
              </span>
            </Td>
          </Tr>
          <Tr>
            <Th scope="row" className={css.rowHeader}>
              My Twilio phone number
            </Th>
            <Td colSpan={2}>
              <span className={css.value}>
                <PhoneNumber numbers={info.data?.phoneNumbers ?? []} />
              </span>
            </Td>
          </Tr>
        </TBody>
      </Table>
      <Notes info={info} />
    </Card>
  );
}

/** Read-only inputs: the SID is an input's value; the token a password input that turns to text. */
function PasswordInputVariant({ sid, info, headingId }: VariantProps) {
  const sidId = useId();
  const tokenId = useId();
  const revealed = info.token !== null;
  return (
    <Card aria-labelledby={headingId}>
      <Heading as="h2" variant="heading30" id={headingId}>
        Account Info
      </Heading>
      <div className={css.formControl} data-paste-element="FORM_CONTROL">
        <Label htmlFor={sidId}>Account SID</Label>
        <Input
          id={sidId}
          readOnly
          type="text"
          value={sid}
          insertAfter={
            <span className={css.inlineButtons}>
              <Button variant="icon" onClick={info.copySid}>
                <CopyIcon />
                <ScreenReaderOnly>Copy Account SID</ScreenReaderOnly>
              </Button>
            </span>
          }
        />
      </div>
      <div className={css.formControl} data-paste-element="FORM_CONTROL">
        <Label htmlFor={tokenId}>Auth Token</Label>
        <Input
          id={tokenId}
          readOnly
          type={revealed ? 'text' : 'password'}
          value={info.token ?? BULLETS}
          insertAfter={
            <span className={css.inlineButtons}>
              {info.reveal === 'hidden' ? null : (
                <Button
                  variant="icon"
                  disabled={!revealed && (info.reveal === 'disabled' || info.revealing)}
                  onClick={revealed ? info.hide : info.show}
                >
                  {revealed ? <HideIcon /> : <ShowIcon />}
                  <ScreenReaderOnly>{revealed ? 'Hide Auth Token' : 'Show Auth Token'}</ScreenReaderOnly>
                </Button>
              )}
              <Button variant="icon" disabled={info.reveal !== 'allowed' && !revealed} onClick={info.copyToken}>
                <CopyIcon />
                <ScreenReaderOnly>Copy Auth Token</ScreenReaderOnly>
              </Button>
            </span>
          }
        />
        <Copied show={info.copied !== null} />
      </div>
      <div className={css.formControl} data-paste-element="FORM_CONTROL">
        <span className={css.fieldLabel}>My Twilio phone number</span>
        <span className={css.value}>
          <PhoneNumber numbers={info.data?.phoneNumbers ?? []} />
        </span>
      </div>
      <Notes info={info} />
    </Card>
  );
}

/**
 * The token masked with no way to see it: no Show / eye control at all, only the page's Copy button,
 * which fetches the token for the clipboard. The extension never presses Copy buttons, so on this
 * page the admin copies the token and pastes it into the extension's popup.
 */
function CopyOnlyVariant({ sid, info, headingId }: VariantProps) {
  return (
    <Card aria-labelledby={headingId}>
      <Heading as="h2" variant="heading30" id={headingId}>
        Account Info
      </Heading>
      <DescriptionList>
        <DescriptionListSet>
          <DescriptionListTerm>Account SID</DescriptionListTerm>
          <DescriptionListDetails>
            <Text mono>{sid}</Text>
            <Button variant="icon" onClick={info.copySid}>
              <CopyIcon />
              <ScreenReaderOnly>Copy Account SID</ScreenReaderOnly>
            </Button>
            <Copied show={info.copied === 'sid'} />
          </DescriptionListDetails>
        </DescriptionListSet>
        <DescriptionListSet>
          <DescriptionListTerm>Auth Token</DescriptionListTerm>
          <DescriptionListDetails>
            <Text mono className={css.masked}>
              {BULLETS}
            </Text>
            <Button variant="secondary" size="small" onClick={info.copyToken}>
              <CopyIcon />
              Copy
            </Button>
            <Copied show={info.copied === 'token'} />
          </DescriptionListDetails>
        </DescriptionListSet>
        <DescriptionListSet>
          <DescriptionListTerm>My Twilio phone number</DescriptionListTerm>
          <DescriptionListDetails>
            <PhoneNumber numbers={info.data?.phoneNumbers ?? []} />
          </DescriptionListDetails>
        </DescriptionListSet>
      </DescriptionList>
      <HelpText className={css.note}>For your security the token is never shown on screen: copy it where you need it.</HelpText>
      <Notes info={info} />
    </Card>
  );
}

function Loading({ headingId }: { headingId: string }) {
  return (
    <Card aria-labelledby={headingId} aria-busy="true">
      <Heading as="h2" variant="heading30" id={headingId}>
        Account Info
      </Heading>
      <DescriptionList>
        {[0, 1, 2].map((row) => (
          <DescriptionListSet key={row}>
            <SkeletonLoader width="140px" />
            <SkeletonLoader width="320px" />
          </DescriptionListSet>
        ))}
      </DescriptionList>
    </Card>
  );
}

const VARIANTS = {
  'paste-card': PasteCardVariant,
  table: TableVariant,
  'password-input': PasswordInputVariant,
  'copy-only': CopyOnlyVariant,
};

export function AccountInfo({ sid, flags }: { sid: string; flags: ConsoleFlags }) {
  const info = useAccountInfo(sid, flags);
  const headingId = useId();
  if (!info.data) {
    return info.error ? (
      <Card>
        <HelpText variant="error" role="alert">
          {info.error}
        </HelpText>
      </Card>
    ) : (
      <Loading headingId={headingId} />
    );
  }
  const Variant = VARIANTS[flags.variant];
  return <Variant sid={info.data.account.sid} info={info} headingId={headingId} showControl={flags.showControl} />;
}
