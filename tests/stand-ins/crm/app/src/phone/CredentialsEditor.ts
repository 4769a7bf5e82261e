import { computed, defineComponent, h, ref, watch, type PropType } from 'vue';
import { NAlert, NButton, NDrawer, NDrawerContent, NForm, NFormItem, NInput, NModal, useMessage } from 'naive-ui';
import { API, type CrmLayout, type SubAccountRow, type UpdateCredentialsReply } from '../../../wire';
import { api, ApiError } from '../api';

export const SUCCESS_INLINE_TEXT = 'Credentials saved.';

/** How long after a save a sticking editor comes back: once its leave transition has run. */
const STUCK_AFTER_MS = 600;

/**
 * Update Credentials, drawn as `layout.editor` says (NModal card or NDrawer), with the labels,
 * submit text, extra buttons and success feedback the layout picks. Both fields are v-model bound
 * (controlled NInputs): a value put into the DOM without an input event is replaced by the model's
 * value at the component's next render.
 */
export const CredentialsEditor = defineComponent({
  name: 'CredentialsEditor',
  props: {
    show: { type: Boolean, required: true },
    row: { type: Object as PropType<SubAccountRow | null>, default: null },
    /** Variant A names the location under the title; variant B names it nowhere. */
    showsLocation: { type: Boolean, required: true },
    layout: { type: Object as PropType<CrmLayout>, required: true },
    /** Switch editorSticksAfterSave: after a save the editor comes back for good, deaf to Cancel. */
    sticksAfterSave: { type: Boolean, default: false },
  },
  emits: {
    close: () => true,
    /** The location changed (written, or its connection deleted): the list reloads. */
    updated: () => true,
  },
  setup(props, { emit }) {
    const message = useMessage();
    const accountSid = ref('');
    const authToken = ref('');
    const error = ref<string | null>(null);
    const saved = ref(false);
    const submitting = ref(false);
    const extraBusy = ref(false);
    /** Drawn although the page closed it: nothing closes it but a reload. */
    const stuck = ref(false);

    watch(() => [props.show, props.row] as const, ([show, row]) => {
      if (!show) return;
      accountSid.value = row?.accountSid ?? '';
      authToken.value = '';
      error.value = null;
      saved.value = false;
    }, { immediate: true });

    const busy = computed(() => submitting.value || extraBusy.value);
    const canSubmit = computed(() => accountSid.value.trim() !== '' && authToken.value.trim() !== '');
    const url = (row: SubAccountRow, tail: string): string => `${API.subAccounts}/${encodeURIComponent(row.id)}/${tail}`;

    const submit = async (): Promise<void> => {
      const row = props.row;
      if (!row || !canSubmit.value || busy.value) return;
      submitting.value = true;
      error.value = null;
      saved.value = false;
      try {
        const reply = await api<UpdateCredentialsReply>(url(row, 'twilio'), {
          method: 'PUT',
          body: { accountSid: accountSid.value.trim(), authToken: authToken.value.trim() },
        });
        emit('updated');
        if (props.layout.result === 'inline') {
          saved.value = true;
          return;
        }
        if (props.layout.result === 'toast') message.success(reply.message);
        emit('close');
        if (props.sticksAfterSave) setTimeout(() => (stuck.value = true), STUCK_AFTER_MS);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          emit('close');
          return;
        }
        const text = e instanceof Error ? e.message : String(e);
        error.value = text;
        // Only the toast layout also raises a toast; the others keep errors inside the editor.
        if (props.layout.result === 'toast') message.error(text);
      } finally {
        submitting.value = false;
      }
    };

    /** editorExtras 'delete-create': the backend records the press first, whatever else happens. */
    const extra = async (kind: 'delete' | 'create'): Promise<void> => {
      const row = props.row;
      if (!row || busy.value) return;
      extraBusy.value = true;
      error.value = null;
      try {
        if (kind === 'delete') {
          await api(url(row, 'twilio'), { method: 'DELETE' });
          message.success('Connection deleted');
          emit('updated');
          emit('close');
        } else {
          const reply = await api<{ message: string }>(url(row, 'twilio-subaccount'), { method: 'POST' });
          message.info(reply.message);
        }
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          emit('close');
          return;
        }
        error.value = e instanceof Error ? e.message : String(e);
      } finally {
        extraBusy.value = false;
      }
    };

    const close = (): void => {
      if (!busy.value && !stuck.value) emit('close');
    };

    const header = () =>
      h('div', { class: 'credentials-header' }, [
        h('div', { class: 'credentials-header__title' }, 'Update Credentials'),
        props.showsLocation && props.row ? h('div', { class: 'credentials-header__subtitle' }, props.row.name) : null,
      ]);

    /** A visible NFormItem label, or (layout 'aria-label') none: the input carries the name itself. */
    const fieldItem = (label: string, input: (ariaLabel: Record<string, string>) => ReturnType<typeof h>) =>
      props.layout.fieldLabels === 'label'
        ? h(NFormItem, { label, required: true }, { default: () => input({}) })
        : h(NFormItem, { showLabel: false }, { default: () => input({ 'aria-label': label }) });

    const body = () => {
      const labelled = props.layout.fieldLabels === 'label';
      return h('div', { class: 'credentials-body' }, [
        h('p', { class: 'credentials-body__hint' }, 'Enter the Account SID and Auth Token from the Twilio Console (Account Info).'),
        h(NForm, { labelPlacement: 'top', showRequireMark: true }, {
          default: () => [
            fieldItem('Account SID', (aria) =>
              h(NInput, {
                value: accountSid.value,
                'onUpdate:value': (v: string) => (accountSid.value = v),
                placeholder: labelled ? 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' : 'AC…',
                disabled: busy.value,
                inputProps: { autocomplete: 'off', spellcheck: false, ...aria },
              })),
            fieldItem('Auth Token', (aria) =>
              h(NInput, {
                value: authToken.value,
                'onUpdate:value': (v: string) => (authToken.value = v),
                type: 'password',
                showPasswordOn: 'click',
                placeholder: labelled ? 'Enter Auth Token' : 'Auth Token',
                disabled: busy.value,
                inputProps: { autocomplete: 'new-password', ...aria },
              })),
          ],
        }),
        props.layout.editorExtras === 'delete-create'
          ? h('div', { class: 'credentials-body__create' }, [
              h('span', 'No Twilio sub-account for this location yet?'),
              h(NButton, { size: 'small', secondary: true, disabled: busy.value, onClick: () => void extra('create') }, { default: () => 'Create Sub-Account' }),
            ])
          : null,
        saved.value ? h(NAlert, { type: 'success', showIcon: true, class: 'credentials-body__success' }, { default: () => SUCCESS_INLINE_TEXT }) : null,
        error.value ? h(NAlert, { type: 'error', showIcon: true, class: 'credentials-body__error' }, { default: () => error.value }) : null,
      ]);
    };

    const footer = () =>
      h('div', { class: 'credentials-footer' }, [
        props.layout.editorExtras === 'delete-create'
          ? h(NButton, { type: 'error', ghost: true, class: 'credentials-footer__delete', disabled: busy.value, onClick: () => void extra('delete') }, { default: () => 'Delete connection' })
          : null,
        h(NButton, { onClick: close, disabled: busy.value }, { default: () => 'Cancel' }),
        h(NButton, { type: 'primary', disabled: !canSubmit.value || extraBusy.value, loading: submitting.value, onClick: submit }, { default: () => props.layout.submitWording }),
      ]);

    const onShow = (v: boolean): void => {
      if (!v) close();
    };

    return () =>
      props.layout.editor === 'drawer'
        ? h(NDrawer, { show: props.show || stuck.value, placement: 'right', width: 480, maskClosable: false, autoFocus: false, 'onUpdate:show': onShow }, {
            default: () => h(NDrawerContent, { closable: !busy.value, class: 'credentials-drawer' }, { header, default: body, footer }),
          })
        : h(NModal, {
            show: props.show || stuck.value,
            preset: 'card',
            style: { width: '520px' },
            bordered: false,
            segmented: { content: true, footer: 'soft' },
            closable: !busy.value,
            maskClosable: false,
            autoFocus: false,
            'onUpdate:show': onShow,
          }, { header, default: body, footer });
  },
});
