import { defineComponent, h, ref, Teleport, watch, type PropType } from 'vue';
import { useMessage } from 'naive-ui';
import { API, type SubAccountRow, type UpdateCredentialsReply } from '../../../wire';
import { api, ApiError } from '../api';

/**
 * The older page's dialog: Bootstrap markup (div.modal > .modal-dialog > .modal-content), not the
 * design system. Its inputs are still v-model bound; Save is always enabled and checks on click.
 */
export const LegacyCredentialsModal = defineComponent({
  name: 'LegacyCredentialsModal',
  props: {
    show: { type: Boolean, required: true },
    row: { type: Object as PropType<SubAccountRow | null>, default: null },
    showsLocation: { type: Boolean, required: true },
  },
  emits: { close: () => true, updated: (_reply: UpdateCredentialsReply) => true },
  setup(props, { emit }) {
    const message = useMessage();
    const accountSid = ref('');
    const authToken = ref('');
    const error = ref<string | null>(null);
    const touched = ref(false);
    const saving = ref(false);

    watch(() => [props.show, props.row] as const, ([show, row]) => {
      if (!show) return;
      accountSid.value = row?.accountSid ?? '';
      authToken.value = '';
      error.value = null;
      touched.value = false;
    }, { immediate: true });

    const save = async (): Promise<void> => {
      const row = props.row;
      touched.value = true;
      if (!row || saving.value || !accountSid.value.trim() || !authToken.value.trim()) return;
      saving.value = true;
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
        error.value = e instanceof Error ? e.message : String(e);
      } finally {
        saving.value = false;
      }
    };

    const close = (): void => {
      if (!saving.value) emit('close');
    };

    const field = (id: string, label: string, type: string, model: typeof accountSid) => {
      const invalid = touched.value && !model.value.trim();
      return h('div', { class: 'form-group' }, [
        h('label', { for: id }, label),
        h('input', {
          id,
          type,
          class: ['form-control', invalid && 'is-invalid'],
          value: model.value,
          autocomplete: 'off',
          disabled: saving.value,
          onInput: (e: Event) => (model.value = (e.target as HTMLInputElement).value),
        }),
        invalid ? h('div', { class: 'invalid-feedback' }, 'This field is required') : null,
      ]);
    };

    return () =>
      h(Teleport, { to: 'body' }, props.show
        ? [
            h('div', { class: 'modal fade show', role: 'dialog', tabindex: -1, 'aria-modal': 'true', style: { display: 'block' } }, [
              h('div', { class: 'modal-dialog', role: 'document' }, [
                h('div', { class: 'modal-content' }, [
                  h('div', { class: 'modal-header' }, [
                    h('h5', { class: 'modal-title' }, 'Edit Twilio Credentials'),
                    h('button', { type: 'button', class: 'close', 'aria-label': 'Close', onClick: close }, [h('span', { 'aria-hidden': 'true' }, '×')]),
                  ]),
                  h('div', { class: 'modal-body' }, [
                    props.showsLocation && props.row ? h('p', { class: 'text-muted' }, ['Location: ', h('strong', props.row.name)]) : null,
                    error.value ? h('div', { class: 'alert alert-danger', role: 'alert' }, error.value) : null,
                    field('twilio_account_sid', 'Twilio Account SID', 'text', accountSid),
                    field('twilio_auth_token', 'Twilio Auth Token', 'password', authToken),
                  ]),
                  h('div', { class: 'modal-footer' }, [
                    h('button', { type: 'button', class: 'btn btn-secondary', disabled: saving.value, onClick: close }, 'Cancel'),
                    h('button', { type: 'button', class: 'btn btn-primary', disabled: saving.value, onClick: save }, saving.value ? 'Saving...' : 'Save'),
                  ]),
                ]),
              ]),
            ]),
            h('div', { class: 'modal-backdrop fade show' }),
          ]
        : []);
  },
});
