import { defineComponent, h } from 'vue';
import { NCard } from 'naive-ui';
import { link, route } from './router';
import { PhoneIntegration } from './phone/PhoneIntegration';

const SETTINGS_NAV = [
  { label: 'My Profile', href: '/settings/profile' },
  { label: 'Company', href: '/settings/company' },
  { label: 'Team', href: '/settings/team' },
  { label: 'Phone Integration', href: '/settings/phone_integration', also: ['/settings/twilio'] },
  { label: 'Email Services', href: '/settings/smtp_service' },
  { label: 'Custom Values', href: '/settings/custom_values' },
  { label: 'Audit Logs', href: '/settings/audit/logs' },
];

export const SettingsPage = defineComponent({
  name: 'AgencySettings',
  setup() {
    return () => {
      const current = SETTINGS_NAV.find((i) => i.href === route.path || i.also?.includes(route.path));
      return h('div', { class: 'settings-layout' }, [
        h('nav', { class: 'settings-nav' }, [
          h('div', { class: 'settings-nav__title' }, 'Settings'),
          ...SETTINGS_NAV.map((i) => link(i.href, i.label, { class: ['settings-nav__item', current === i && 'settings-nav__item--active'] })),
        ]),
        h('section', { class: 'settings-content' }, [
          current?.href === '/settings/phone_integration'
            ? h(PhoneIntegration)
            : h(NCard, { title: current?.label ?? 'Settings' }, { default: () => h('p', 'Nothing to change here for now.') }),
        ]),
      ]);
    };
  },
});
