import { defineComponent, h } from 'vue';
import { NButton, NCard, NGrid, NGridItem, NStatistic } from 'naive-ui';
import { navigate } from './router';

export const Dashboard = defineComponent({
  name: 'AgencyDashboard',
  setup() {
    const stats = [
      { label: 'Sub-Accounts', value: '128' },
      { label: 'Active Users', value: '342' },
      { label: 'Messages Sent (30 days)', value: '48,210' },
      { label: 'Calls (30 days)', value: '6,935' },
    ];
    return () =>
      h('div', { class: 'agency-page' }, [
        h('div', { class: 'agency-page__header' }, [
          h('h1', { class: 'agency-page__title' }, 'Agency Dashboard'),
          h(NButton, { type: 'primary', onClick: () => navigate('/settings/company') }, { default: () => 'Settings' }),
        ]),
        h(NGrid, { cols: 4, xGap: 16, yGap: 16 }, {
          default: () => stats.map((s) => h(NGridItem, null, {
            default: () => h(NCard, { size: 'small' }, { default: () => h(NStatistic, { label: s.label, value: s.value }) }),
          })),
        }),
      ]);
  },
});
