import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run dev` (issue 13 item 9), as a developer starts it on a machine without a display: the
 * stand-ins, WXT's dev server and a Chromium with the dev build; `--smoke` checks in that Chromium that
 * both sites answer and the extension loaded, then stops everything.
 */
const root = join(import.meta.dirname, '..', '..');

function runDev(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // As a developer's shell starts it: no display, and none of vitest's variables (WXT's logger
    // says less under a test runner).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DISPLAY' && key !== 'NODE_ENV' && key !== 'TEST' && !key.startsWith('VITEST')));
    const child = spawn('npx', ['tsx', 'scripts/dev.ts', '--smoke'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run dev', () => {
  it('starts the stand-ins, the dev server and a headless Chromium (saying so); the sites answer there and the dev build loads, then it all stops', async () => {
    const { code, output } = await runDev();
    expect(output).toContain('Chromium runs headless');
    expect(output).toMatch(/WXT's dev server runs at http:\/\/127\.0\.0\.1:\d+;/);
    expect(output).toContain('The Twilio console stand-in answers in Chromium');
    expect(output).toContain('The CRM stand-in answers in Chromium');
    expect(output).toMatch(/service worker runs: chrome-extension:\/\/[a-p]{32}\/background\.js/);
    expect(output).toContain('The popup opens.');
    expect(output).toMatch(/Reloaded the extension: its service worker runs again \(chrome-extension:\/\/[a-p]{32}\/background\.js\)/);
    expect(output).toContain('After a reload of the whole extension (what WXT asks for after a background edit) the worker runs again and the popup opens.');
    expect(output).toContain('Smoke check passed.');
    expect(code, output.slice(-2000)).toBe(0);
  }, 180_000);
});
