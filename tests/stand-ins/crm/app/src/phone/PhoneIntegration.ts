import { defineComponent, h, onMounted, ref, watch } from 'vue';
import { NButton, NResult, NSpin, NTabPane, NTabs, useMessage } from 'naive-ui';
import { API, type PhoneIntegrationBoot } from '../../../wire';
import { api, ApiError } from '../api';
import { session, SESSION_EXPIRED_TEXT } from '../session';
import { AgencySettingsTab } from './AgencySettingsTab';
import { SubAccountSettingsTab } from './SubAccountSettingsTab';
import { AccountCreationTab } from './AccountCreationTab';

/** Settings → Phone Integration: a spinner until the page's settings arrive, then three tabs. */
export const PhoneIntegration = defineComponent({
  name: 'PhoneIntegration',
  setup() {
    const message = useMessage();
    const boot = ref<PhoneIntegrationBoot | null>(null);
    const failure = ref<string | null>(null);
    const tab = ref('agency');

    const load = async (): Promise<void> => {
      failure.value = null;
      try {
        const loaded = await api<PhoneIntegrationBoot>(API.boot);
        tab.value = loaded.features.layoutMatrix.defaultTab;
        boot.value = loaded;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) {
          failure.value = error instanceof Error ? error.message : String(error);
          message.error(failure.value);
        }
      }
    };
    onMounted(load);

    watch(() => session.expired, (expired) => {
      if (expired) message.error(SESSION_EXPIRED_TEXT, { duration: 10_000 });
    }, { immediate: true });

    return () => {
      if (session.expired) {
        return h(NResult, { status: '403', title: 'Session expired', description: SESSION_EXPIRED_TEXT }, {
          footer: () => h(NButton, { type: 'primary', onClick: () => location.reload() }, { default: () => 'Log in' }),
        });
      }
      if (failure.value) {
        return h(NResult, { status: 'error', title: 'Something went wrong', description: failure.value }, {
          footer: () => h(NButton, { onClick: load }, { default: () => 'Try again' }),
        });
      }
      const loaded = boot.value;
      if (!loaded) return h('div', { class: 'phone-loader' }, [h(NSpin, { size: 'large' })]);
      return h('div', { class: 'phone-integration' }, [
        h('div', { class: 'phone-integration__header' }, [
          h('h1', { class: 'phone-integration__title' }, 'Phone Integration'),
          h('p', { class: 'phone-integration__subtitle' }, 'Manage how your agency and its sub-accounts connect to a phone provider.'),
        ]),
        h(NTabs, { type: 'line', value: tab.value, 'onUpdate:value': (v: string) => (tab.value = v), animated: false }, {
          default: () => [
            h(NTabPane, { name: 'agency', tab: 'Agency Settings' }, { default: () => h(AgencySettingsTab, { boot: loaded }) }),
            h(NTabPane, { name: 'sub-accounts', tab: 'Sub Account Settings' }, { default: () => h(SubAccountSettingsTab, { boot: loaded }) }),
            h(NTabPane, { name: 'account-creation', tab: 'Account Creation' }, { default: () => h(AccountCreationTab, { boot: loaded }) }),
          ],
        }),
      ]);
    };
  },
});
