import { defineComponent, h, type Component } from 'vue';
import { NIcon } from 'naive-ui';
import { CameraIcon, HomeIcon, SettingsIcon, StoreIcon, UsersIcon } from './icons';
import { link, route } from './router';
import { Dashboard } from './Dashboard';
import { SettingsPage } from './SettingsPage';

const NAV: { label: string; href: string; icon: Component; match: (path: string) => boolean }[] = [
  { label: 'Dashboard', href: '/', icon: HomeIcon, match: (p) => p === '/' },
  { label: 'Sub-Accounts', href: '/accounts', icon: UsersIcon, match: (p) => p.startsWith('/accounts') },
  { label: 'Account Snapshots', href: '/snapshots', icon: CameraIcon, match: (p) => p.startsWith('/snapshots') },
  { label: 'Marketplace', href: '/marketplace', icon: StoreIcon, match: (p) => p.startsWith('/marketplace') },
  { label: 'Settings', href: '/settings/company', icon: SettingsIcon, match: (p) => p.startsWith('/settings') },
];

/** The agency view's frame: the left navigation, the top bar and the page. */
export const Shell = defineComponent({
  name: 'AgencyShell',
  setup() {
    return () =>
      h('div', { class: 'agency-layout' }, [
        h('aside', { class: 'agency-sidebar' }, [
          h('div', { class: 'agency-brand' }, [h('span', { class: 'agency-logo' }, 'N'), h('span', 'Northwind')]),
          h('nav', null, NAV.map((item) =>
            link(item.href, [h(NIcon, { size: 18 }, { default: () => h(item.icon) }), h('span', item.label)], {
              class: ['agency-nav-item', item.match(route.path) && 'agency-nav-item--active'],
            }),
          )),
        ]),
        h('div', { class: 'agency-main' }, [
          h('header', { class: 'agency-topbar' }, [
            h('div', { class: 'agency-topbar__title' }, 'Agency View'),
            h('div', { class: 'agency-topbar__user' }, [h('span', { class: 'agency-avatar' }, 'JS'), h('span', 'Jordan Smith')]),
          ]),
          h('main', { class: 'agency-content' }, [page()]),
        ]),
      ]);
  },
});

function page() {
  const path = route.path;
  if (path === '/') return h(Dashboard);
  if (path === '/settings' || path.startsWith('/settings/')) return h(SettingsPage, { key: 'settings' });
  return h('div', { class: 'agency-placeholder' }, [h('h1', 'Coming soon'), h('p', 'This section is not part of this demo agency.')]);
}
