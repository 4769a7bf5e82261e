import { Heading, Paragraph } from '../shared/paste.tsx';
import css from './console.module.css';

export function NotFoundPage({ message }: { message: string }) {
  return (
    <div className={css.main}>
      <Heading as="h1" variant="heading20">
        Something went wrong
      </Heading>
      <Paragraph>{message}</Paragraph>
    </div>
  );
}
