/** Icons drawn as Paste draws them: decorative unless given a title. */
import type { ReactNode } from 'react';

type IconProps = { title?: string; size?: number };

function Svg({ title, size = 20, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="currentColor"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      focusable="false"
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

export const ShowIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M10 4c4.1 0 7.3 2.9 8.7 5.6a.9.9 0 0 1 0 .8C17.3 13.1 14.1 16 10 16s-7.3-2.9-8.7-5.6a.9.9 0 0 1 0-.8C2.7 6.9 5.9 4 10 4Zm0 1.6c-3.2 0-5.9 2.2-7.1 4.4 1.2 2.2 3.9 4.4 7.1 4.4s5.9-2.2 7.1-4.4C15.9 7.8 13.2 5.6 10 5.6Zm0 1.4a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm0 1.6a1.4 1.4 0 1 0 0 2.8 1.4 1.4 0 0 0 0-2.8Z" />
  </Svg>
);

export const HideIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M3.3 2.3 17.7 16.7l-1.1 1.1-2.7-2.7A8.7 8.7 0 0 1 10 16c-4.1 0-7.3-2.9-8.7-5.6a.9.9 0 0 1 0-.8 11 11 0 0 1 3.2-3.8L2.2 3.4l1.1-1.1Zm2.4 4.6a9.4 9.4 0 0 0-2.8 3.1c1.2 2.2 3.9 4.4 7.1 4.4 1 0 1.9-.2 2.7-.5l-1.6-1.6A3 3 0 0 1 7.2 8.4L5.7 6.9ZM10 4c4.1 0 7.3 2.9 8.7 5.6a.9.9 0 0 1 0 .8 11 11 0 0 1-2.1 2.8l-1.1-1.1a9.4 9.4 0 0 0 1.6-2.1C15.9 7.8 13.2 5.6 10 5.6c-.6 0-1.2.1-1.8.2L6.9 4.5A8.7 8.7 0 0 1 10 4Z" />
  </Svg>
);

export const CopyIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M13 2a2 2 0 0 1 2 2v1h1a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2v-1H5a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h8Zm3 4.6H8a.4.4 0 0 0-.4.4v9c0 .2.2.4.4.4h8c.2 0 .4-.2.4-.4V7a.4.4 0 0 0-.4-.4ZM13 3.6H5a.4.4 0 0 0-.4.4v9c0 .2.2.4.4.4h1V7a2 2 0 0 1 2-2h5.4V4a.4.4 0 0 0-.4-.4Z" />
  </Svg>
);

export const ChevronDownIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M5.3 7.3a.8.8 0 0 1 1.1 0L10 10.9l3.6-3.6a.8.8 0 1 1 1.1 1.1l-4.1 4.1a.8.8 0 0 1-1.1 0L5.3 8.4a.8.8 0 0 1 0-1.1Z" />
  </Svg>
);

export const SearchIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M8.5 3a5.5 5.5 0 0 1 4.4 8.8l3.9 3.9-1.1 1.1-3.9-3.9A5.5 5.5 0 1 1 8.5 3Zm0 1.6a3.9 3.9 0 1 0 0 7.8 3.9 3.9 0 0 0 0-7.8Z" />
  </Svg>
);

export const SuccessIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm3.3 5.2-4.2 4.6-2.3-2.1-1.1 1.2 3.5 3.2 5.3-5.8-1.2-1.1Z" />
  </Svg>
);

export function TwilioLogo({ size = 28, color = '#f22f46' }: { size?: number; color?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 30 30" role="img" aria-label="Twilio">
      <path
        fill={color}
        d="M15 0a15 15 0 1 0 0 30 15 15 0 0 0 0-30Zm0 26a11 11 0 1 1 0-22 11 11 0 0 1 0 22Zm6.8-14.2a3.1 3.1 0 1 1-6.2 0 3.1 3.1 0 0 1 6.2 0Zm0 6.4a3.1 3.1 0 1 1-6.2 0 3.1 3.1 0 0 1 6.2 0Zm-7.4 0a3.1 3.1 0 1 1-6.2 0 3.1 3.1 0 0 1 6.2 0Zm0-6.4a3.1 3.1 0 1 1-6.2 0 3.1 3.1 0 0 1 6.2 0Z"
      />
    </svg>
  );
}
