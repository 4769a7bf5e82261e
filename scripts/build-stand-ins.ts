/**
 * Builds the stand-in sites' apps (skipped when up to date) before vitest starts: the browser test
 * projects run side by side (vitest.config.ts), and each file would otherwise build them on start.
 */
import { buildCrmApp } from '../tests/stand-ins/crm/build';
import { buildConsoleApp } from '../tests/stand-ins/twilio-console/build';

await buildCrmApp();
await buildConsoleApp();
