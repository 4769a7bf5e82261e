/**
 * Look-alikes of the Twilio Paste components the console uses. Paste itself is not installed; what
 * matters is the rendered markup: plain elements carrying `data-paste-element`, generated class names.
 */
import type {
  AnchorHTMLAttributes,
  ButtonHTMLAttributes,
  HTMLAttributes,
  InputHTMLAttributes,
  LabelHTMLAttributes,
  ReactNode,
  TdHTMLAttributes,
  ThHTMLAttributes,
} from 'react';
import css from './paste.module.css';

const cx = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(' ');

export function Box({ element = 'BOX', className, ...props }: HTMLAttributes<HTMLDivElement> & { element?: string }) {
  return <div data-paste-element={element} className={cx(css.box, className)} {...props} />;
}

type ButtonVariant = 'primary' | 'secondary' | 'link' | 'reset' | 'icon';

export function Button({
  variant = 'secondary',
  size = 'default',
  element = 'BUTTON',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: 'default' | 'small'; element?: string }) {
  return (
    <button
      data-paste-element={element}
      type={type}
      className={cx(
        css.button,
        variant === 'icon' ? css.iconOnly : css[variant],
        size === 'small' && css.small,
        className,
      )}
      {...props}
    />
  );
}

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <article data-paste-element="CARD" className={cx(css.card, className)} {...props} />;
}

export function Heading({
  as: Tag = 'h2',
  variant = 'heading30',
  marginBottom = true,
  className,
  ...props
}: HTMLAttributes<HTMLHeadingElement> & {
  as?: 'h1' | 'h2' | 'h3' | 'h4';
  variant?: 'heading10' | 'heading20' | 'heading30' | 'heading40';
  marginBottom?: boolean;
}) {
  return (
    <Tag
      data-paste-element="HEADING"
      className={cx(css.heading, css[variant], marginBottom && css.headingMargin, className)}
      {...props}
    />
  );
}

export function Paragraph({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p data-paste-element="PARAGRAPH" className={cx(css.paragraph, className)} {...props} />;
}

export function Text({
  weak,
  mono,
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { weak?: boolean; mono?: boolean }) {
  return <span data-paste-element="TEXT" className={cx(css.text, weak && css.weak, mono && css.mono, className)} {...props} />;
}

export function Anchor({ className, ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a data-paste-element="ANCHOR" className={cx(css.anchor, className)} {...props} />;
}

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return <table data-paste-element="TABLE" className={cx(css.table, className)} {...props} />;
}
export const THead = (props: HTMLAttributes<HTMLTableSectionElement>) => <thead data-paste-element="THEAD" {...props} />;
export const TBody = (props: HTMLAttributes<HTMLTableSectionElement>) => <tbody data-paste-element="TBODY" {...props} />;
export const Tr = ({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) => (
  <tr data-paste-element="TR" className={cx(css.tr, className)} {...props} />
);
export const Th = ({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) => (
  <th data-paste-element="TH" className={cx(css.th, className)} {...props} />
);
export const Td = ({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) => (
  <td data-paste-element="TD" className={cx(css.td, className)} {...props} />
);

export const DescriptionList = ({ className, ...props }: HTMLAttributes<HTMLDListElement>) => (
  <dl data-paste-element="DESCRIPTION_LIST" className={cx(css.dl, className)} {...props} />
);
export const DescriptionListSet = ({ className, ...props }: HTMLAttributes<HTMLDivElement>) => (
  <div data-paste-element="DESCRIPTION_LIST_SET" className={cx(css.dlSet, className)} {...props} />
);
export const DescriptionListTerm = ({ className, ...props }: HTMLAttributes<HTMLElement>) => (
  <dt data-paste-element="DESCRIPTION_LIST_TERM" className={cx(css.dt, className)} {...props} />
);
export const DescriptionListDetails = ({ className, ...props }: HTMLAttributes<HTMLElement>) => (
  <dd data-paste-element="DESCRIPTION_LIST_DETAILS" className={cx(css.dd, className)} {...props} />
);

export function Label({ required, children, className, ...props }: LabelHTMLAttributes<HTMLLabelElement> & { required?: boolean }) {
  return (
    <label data-paste-element="LABEL" className={cx(css.label, className)} {...props}>
      {children}
      {required ? (
        <span className={css.required} aria-hidden="true">
          *
        </span>
      ) : null}
    </label>
  );
}

export function Input({
  insertAfter,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { insertAfter?: ReactNode }) {
  return (
    <div data-paste-element="INPUT_BOX" className={cx(css.inputBox, props.readOnly && css.inputReadonly)}>
      <input data-paste-element="INPUT" className={cx(css.input, props.readOnly && css.mono, className)} {...props} />
      {insertAfter}
    </div>
  );
}

export function HelpText({ variant = 'default', className, ...props }: HTMLAttributes<HTMLDivElement> & { variant?: 'default' | 'error' }) {
  return (
    <div
      data-paste-element="HELP_TEXT"
      className={cx(css.helpText, variant === 'error' && css.helpTextError, className)}
      {...props}
    />
  );
}

export function Badge({
  variant = 'neutral',
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { variant?: 'neutral' | 'success' | 'warning' | 'error' | 'new' }) {
  const tone = { neutral: undefined, success: css.badgeSuccess, warning: css.badgeWarning, error: css.badgeError, new: css.badgeNew }[variant];
  return <span data-paste-element="BADGE" className={cx(css.badge, tone, className)} {...props} />;
}

export function ScreenReaderOnly(props: HTMLAttributes<HTMLSpanElement>) {
  return <span data-paste-element="SCREEN_READER_ONLY" className={css.sr} {...props} />;
}

export function SkeletonLoader({ width = '100%', height }: { width?: string; height?: string }) {
  return <span data-paste-element="SKELETON_LOADER" className={css.skeleton} style={{ width, height }} aria-busy="true" />;
}

export function Spinner({ title = 'Loading', size = 20 }: { title?: string; size?: number }) {
  return (
    <svg data-paste-element="SPINNER" className={css.spinner} width={size} height={size} viewBox="0 0 24 24" role="img" aria-label={title}>
      <circle cx="12" cy="12" r="9" fill="none" stroke="#e1e3ea" strokeWidth="3" />
      <path d="M12 3a9 9 0 0 1 9 9" fill="none" stroke="#0263e0" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function Toast({ children }: { children: ReactNode }) {
  return (
    <div data-paste-element="TOAST" role="status" className={css.toast}>
      {children}
    </div>
  );
}

export const mono = css.mono;
export const weak = css.weak;
