import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Mozilla's linter (addons-linter, run by web-ext) on the Firefox MV3 build, as addons.mozilla.org
 * would run it (issue 6 item 5). `npm test` builds it first (`wxt build -b firefox --mv3`). The same
 * build runs in Firefox in tests/e2e/firefox/.
 */

const root = join(import.meta.dirname, '..', '..');
const build = join(root, '.output', 'firefox-mv3');

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  metadata: { manifestVersion?: number; id?: string };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

function lint(): LintReport {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'web-ext'),
    ['lint', '--source-dir', build, '--output', 'json', '--no-config-discovery'],
    // No update check: this test sends no traffic anywhere.
    { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
  );
  const json = result.stdout.slice(result.stdout.indexOf('{'));
  if (!json) throw new Error(`web-ext lint printed no report (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(json) as LintReport;
}

const brief = ({ code, message, file, line, column }: LintMessage) => ({ code, message, where: `${file}:${line}:${column}` });

/** Our own sources, which must never write HTML from a string (names from pages are text). */
function ownSources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return ownSources(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

let report: LintReport;

const { name: packageName, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
/** The file sent to addons.mozilla.org: `npm run zip` makes it, and `npm test` (scripts/test.ts) builds Firefox that way. */
const storeZip = join(root, '.output', `${packageName}-${version}-firefox.zip`);

/** Mozilla's linter on the zip itself, as the store receives it (web-ext lint takes a folder only; it runs this linter). */
function lintZip(): LintReport {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'addons-linter'), ['--output', 'json', storeZip], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  const json = result.stdout.slice(result.stdout.indexOf('{'));
  if (!json) throw new Error(`addons-linter printed no report (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(json) as LintReport;
}

/** The names of a zip's files, from its central directory (no unzip tool needed). */
function zipEntries(path: string): string[] {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.filter((name) => !name.endsWith('/')).sort();
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

beforeAll(() => {
  if (!existsSync(join(build, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${relative(root, build)}. Build it first: npx wxt build -b firefox --mv3 (npm test does).`);
  }
  report = lint();
});

describe('the Firefox manifest', () => {
  it('opens no way in for web pages and asks only for the documented permissions (docs/security.md)', () => {
    const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    // Without these, no page script can message the background or load an extension page or file.
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).toMatchObject({
      permissions: ['storage', 'scripting', 'alarms', 'activeTab'],
      // The console's two: the background injects the overlay where the detector sees credentials.
      host_permissions: ['https://api.twilio.com/*', 'https://app.gohighlevel.com/*', 'https://console.twilio.com/*', 'https://www.twilio.com/console/*'],
      optional_host_permissions: ['https://*/*'],
      // Asked for from the options page's click: notifications, and the clipboard, which the
      // background page clears itself (Firefox has no offscreen documents, so no `offscreen`).
      optional_permissions: ['notifications', 'clipboardRead', 'clipboardWrite'],
      // The CRM driver and the console overlay are injected where they are needed, never declared
      // (issue 10); every console frame runs the detector alone, from document start (it wakes the background).
      content_scripts: [
        { matches: ['https://console.twilio.com/*', 'https://www.twilio.com/console/*'], all_frames: true, run_at: 'document_start', js: ['twilio-detector.js'] },
      ],
    });
  });
});

describe('the Firefox build under web-ext lint', () => {
  it('is the MV3 build with its gecko id', () => {
    expect(report.metadata).toMatchObject({ manifestVersion: 3, id: 'twilio-handoff@handoff.dev' });
  });

  it('has no errors', () => {
    expect(report.errors.map(brief)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('warns only about innerHTML inside Preact’s dangerouslySetInnerHTML path, which our code never uses', () => {
    const unexplained = report.warnings.filter((warning) => {
      if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !/innerHTML/.test(warning.message) || !warning.file) return true;
      // Built files are minified to one line: look at the code around the reported column.
      const lines = readFileSync(join(build, warning.file), 'utf8').split('\n');
      const line = lines[(warning.line ?? 1) - 1] ?? '';
      const at = warning.column ?? 0;
      return !line.slice(Math.max(0, at - 300), at + 300).includes('__html');
    });
    expect(unexplained.map(brief)).toEqual([]);

    const htmlSinks = /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write/;
    const offenders = ['components', 'entrypoints', 'utils']
      .flatMap((dir) => ownSources(join(root, dir)))
      .filter((path) => htmlSinks.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });
});

describe('the Firefox store package', () => {
  it('is the build as zipped for addons.mozilla.org, and Mozilla’s linter finds no error in it', () => {
    if (!existsSync(storeZip)) throw new Error(`No store zip at ${relative(root, storeZip)}. Make it first: npm run zip (npm test does).`);
    expect(zipEntries(storeZip)).toEqual(filesUnder(build).sort());
    const zipped = lintZip();
    expect(zipped.metadata).toMatchObject({ manifestVersion: 3, id: 'twilio-handoff@handoff.dev' });
    expect(zipped.errors.map(brief)).toEqual([]);
    // The same findings as the folder's (the one explained above), none more.
    expect(zipped.warnings.map((w) => w.code).sort()).toEqual(report.warnings.map((w) => w.code).sort());
  });
});
