import { computed, defineComponent, h, ref, watch, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, useMessage } from 'naive-ui';
import { API, type SubAccountRow, type UpdateCredentialsReply } from '../../../wire';
import { api, ApiError } from '../api';

/**
 * ⋮ → Update Credentials. Both fields are v-model bound (controlled NInputs): a value put into the
 * DOM without an input event is replaced by the model's value at the component's next render.
 */
export const UpdateCredentialsModal = defineComponent({
  name: 'UpdateCredentialsModal',
  props: {
    show: { type: Boolean, required: true },
    row: { type: Object as PropType<SubAccountRow | null>, default: null },
    /** Variant A names the location under the title; variant B names it nowhere. */
    showsLocation: { type: Boolean, required: true },
  },
  emits: { close: () => true, updated: (_reply: UpdateCredentialsReply) => true },
  setup(props, { emit }) {
    const message = useMessage();
    const accountSid = ref('');
    const authToken = ref('');
    const error = ref<string | null>(null);
    const submitting = ref(false);

    watch(() => [props.show, props.row] as const, ([show, row]) => {
      if (!show) return;
      accountSid.value = row?.accountSid ?? '';
      authToken.value = '';
      error.value = null;
    }, { immediate: true });

    const canAuthorize = computed(() => accountSid.value.trim() !== '' && authToken.value.trim() !== '');

    const authorize = async (): Promise<void> => {
      const row = props.row;
      if (!row || !canAuthorize.value || submitting.value) return;
      submitting.value = true;
      error.value = null;
      try {
        const reply = await api<UpdateCredentialsReply>(`${API.subAccounts}/${encodeURIComponent(row.id)}/twilio`, {
          method: 'PUT',
          body: { accountSid: accountSid.value.trim(), authToken: authToken.value.trim() },
        });
        message.success(reply.message);
        emit('updated', reply);
        emit('close');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          emit('close');
          return;
        }
        const text = e instanceof Error ? e.message : String(e);
        error.value = text;
        message.error(text);
      } finally {
        submitting.value = false;
      }
    };

    const close = (): void => {
      if (!submitting.value) emit('close');
    };

    return () =>
      h(NModal, {
        show: props.show,
        preset: 'card',
        style: { width: '520px' },
        bordered: false,
        segmented: { content: true, footer: 'soft' },
        closable: !submitting.value,
        maskClosable: false,
        autoFocus: false,
        'onUpdate:show': (v: boolean) => {
          if (!v) close();
        },
      }, {
        header: () =>
          h('div', { class: 'credentials-header' }, [
            h('div', { class: 'credentials-header__title' }, 'Update Credentials'),
            props.showsLocation && props.row ? h('div', { class: 'credentials-header__subtitle' }, props.row.name) : null,
          ]),
        default: () =>
          h('div', { class: 'credentials-body' }, [
            h('p', { class: 'credentials-body__hint' }, 'Enter the Account SID and Auth Token from the Twilio Console (Account Info).'),
            h(NForm, { labelPlacement: 'top', showRequireMark: true }, {
              default: () => [
                h(NFormItem, { label: 'Account SID', required: true }, {
                  default: () =>
                    h(NInput, {
                      value: accountSid.value,
                      'onUpdate:value': (v: string) => (accountSid.value = v),
                      placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
                      disabled: submitting.value,
                      inputProps: { autocomplete: 'off', spellcheck: false },
                    }),
                }),
                h(NFormItem, { label: 'Auth Token', required: true }, {
                  default: () =>
                    h(NInput, {
                      value: authToken.value,
                      'onUpdate:value': (v: string) => (authToken.value = v),
                      type: 'password',
                      showPasswordOn: 'click',
                      placeholder: 'Enter Auth Token',
                      disabled: submitting.value,
                      inputProps: { autocomplete: 'new-password' },
                    }),
                }),
              ],
            }),
            error.value ? h(NAlert, { type: 'error', showIcon: true, class: 'credentials-body__error' }, { default: () => error.value }) : null,
          ]),
        footer: () =>
          h('div', { class: 'credentials-footer' }, [
            h(NButton, { onClick: close, disabled: submitting.value }, { default: () => 'Cancel' }),
            h(NButton, { type: 'primary', disabled: !canAuthorize.value, loading: submitting.value, onClick: authorize }, { default: () => 'Authorize' }),
          ]),
      });
  },
});
