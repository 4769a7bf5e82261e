import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../utils/background/start';
import { installFakes } from './support/extension-fakes';

/**
 * The welcome page opens once, on a fresh install (issue 13 item 3): not on an update, a browser
 * update or a worker start. The same in real Chromium: tests/e2e/first-run.test.ts.
 */

let create: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  installFakes();
  create = vi.spyOn(fakeBrowser.tabs, 'create');
  create.mockClear();
});

const welcomeTabs = () => create.mock.calls.filter(([props]: unknown[]) => (props as { url?: string }).url === '/welcome.html');

describe('the welcome page', () => {
  it('opens once on install', async () => {
    startBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(welcomeTabs()).toHaveLength(1);
  });

  it.each(['update', 'browser_update', 'chrome_update', 'shared_module_update'])('does not open on %s', async (reason) => {
    startBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason, previousVersion: '0.0.9', temporary: false } as never);
    expect(create).not.toHaveBeenCalled();
  });

  it('does not open when the worker starts again', async () => {
    startBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    // A stopped worker's successor runs the start-up again; the browser sends no second install.
    startBackground();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(welcomeTabs()).toHaveLength(1);
  });
});
