import { defineComponent, h, ref, type PropType } from 'vue';
import { NCard, NRadio, NRadioGroup, NSpace, NSwitch } from 'naive-ui';
import type { PhoneIntegrationBoot } from '../../../wire';

/** Defaults applied to sub-accounts created from now on. */
export const AccountCreationTab = defineComponent({
  name: 'AccountCreationTab',
  props: { boot: { type: Object as PropType<PhoneIntegrationBoot>, required: true } },
  setup(props) {
    const provider = ref<string>(props.boot.company.phoneProvider);
    const autoCreate = ref(true);
    return () =>
      h('div', { class: 'phone-tab' }, [
        h(NCard, { title: 'Default phone provider for new sub-accounts' }, {
          default: () =>
            h(NSpace, { vertical: true }, {
              default: () => [
                h(NRadioGroup, { value: provider.value, 'onUpdate:value': (v: string) => (provider.value = v) }, {
                  default: () => h(NSpace, null, {
                    default: () => [
                      h(NRadio, { value: 'twilio' }, { default: () => 'Twilio (agency account)' }),
                      h(NRadio, { value: 'lc-phone' }, { default: () => 'LC Phone' }),
                    ],
                  }),
                }),
                h('label', { class: 'phone-switch-row' }, [
                  h(NSwitch, { value: autoCreate.value, 'onUpdate:value': (v: boolean) => (autoCreate.value = v) }),
                  h('span', 'Create a Twilio sub-account automatically when a sub-account is created'),
                ]),
              ],
            }),
        }),
      ]);
  },
});
