import { defineComponent, h, type PropType } from 'vue';
import { NAlert, NButton, NCard, NDescriptions, NDescriptionsItem, NTag } from 'naive-ui';
import type { PhoneIntegrationBoot } from '../../../wire';

function masked(sid: string): string {
  return `${sid.slice(0, 6)}••••••••••••••••••••${sid.slice(-4)}`;
}

/** The agency's own phone provider; read-only here. */
export const AgencySettingsTab = defineComponent({
  name: 'AgencySettingsTab',
  props: { boot: { type: Object as PropType<PhoneIntegrationBoot>, required: true } },
  setup(props) {
    return () => {
      const { company } = props.boot;
      const onLc = company.phoneProvider === 'lc-phone';
      return h('div', { class: 'phone-tab' }, [
        onLc
          ? h(NAlert, { type: 'info', title: 'LC Phone is enabled for this agency', showIcon: true, class: 'phone-tab__alert' }, {
              default: () => 'New sub-accounts use LeadConnector Phone. Sub-accounts still on Twilio can be linked to LeadConnector from the Sub Account Settings tab.',
            })
          : null,
        h(NCard, { title: 'Agency Twilio Account', size: 'medium' }, {
          'header-extra': () => h(NTag, { type: company.twilioAccountSid ? 'success' : 'default', bordered: false }, { default: () => (company.twilioAccountSid ? 'Connected' : 'Not connected') }),
          default: () =>
            h(NDescriptions, { column: 1, labelPlacement: 'left', bordered: true, size: 'small' }, {
              default: () => [
                h(NDescriptionsItem, { label: 'Agency' }, { default: () => company.name }),
                h(NDescriptionsItem, { label: 'Twilio Account' }, { default: () => (company.twilioAccountSid ? masked(company.twilioAccountSid) : '—') }),
                h(NDescriptionsItem, { label: 'Phone provider' }, { default: () => (onLc ? 'LC Phone' : 'Twilio') }),
              ],
            }),
          action: () => h(NButton, { secondary: true, disabled: true }, { default: () => 'Reconnect Twilio' }),
        }),
      ]);
    };
  },
});
