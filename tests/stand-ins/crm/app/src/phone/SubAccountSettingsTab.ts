import { defineComponent, h, onBeforeUnmount, onMounted, reactive, ref, type PropType } from 'vue';
import {
  NButton, NCard, NDataTable, NDropdown, NIcon, NInput, NModal, NSelect, NTag, useDialog, useMessage,
  type DataTableColumns,
} from 'naive-ui';
import { API, type PhoneIntegrationBoot, type SubAccountPage, type SubAccountRow } from '../../../wire';
import { api, ApiError } from '../api';
import { DotsVerticalIcon, PencilIcon, RefreshIcon, SearchIcon } from '../icons';
import { MANAGED_BY_TEXT, rowMenu, type RowAction } from './menu';
import { UpdateCredentialsModal } from './UpdateCredentialsModal';
import { LegacyCredentialsModal } from './LegacyCredentialsModal';

const SEARCH_DEBOUNCE_MS = 300;

const FILTERS = [
  { label: 'All providers', value: '' },
  { label: 'Twilio', value: 'twilio' },
  { label: 'LC Phone', value: 'lc-phone' },
  { label: 'Not available', value: 'not-available' },
];

/** The sub-accounts table: server-side search and pages, a ⋮ menu (or a pencil) per row. */
export const SubAccountSettingsTab = defineComponent({
  name: 'SubAccountSettingsTab',
  props: { boot: { type: Object as PropType<PhoneIntegrationBoot>, required: true } },
  setup(props) {
    const message = useMessage();
    const dialog = useDialog();
    const legacy = props.boot.features.phoneIntegrationLayout === 'legacy';
    const agencyOnLcPhone = props.boot.company.phoneProvider === 'lc-phone';

    const search = ref('');
    const managedBy = ref('');
    const rows = ref<SubAccountRow[]>([]);
    const loading = ref(false);
    const pagination = reactive({ page: 1, pageSize: 10, itemCount: 0 });
    const editing = ref<SubAccountRow | null>(null);
    const showEditor = ref(false);
    const compliance = ref<SubAccountRow | null>(null);
    let sequence = 0;
    let debounce: ReturnType<typeof setTimeout> | undefined;

    const load = async (): Promise<void> => {
      const mine = ++sequence;
      loading.value = true;
      const query = new URLSearchParams({ search: search.value, page: String(pagination.page), limit: String(pagination.pageSize) });
      if (managedBy.value) query.set('managedBy', managedBy.value);
      try {
        const reply = await api<SubAccountPage>(`${API.subAccounts}?${query}`);
        // An answer to an older query arriving late must not replace the newer one.
        if (mine !== sequence) return;
        rows.value = reply.subAccounts;
        pagination.itemCount = reply.total;
      } catch (e) {
        if (mine !== sequence) return;
        if (!(e instanceof ApiError && e.status === 401)) message.error(e instanceof Error ? e.message : String(e));
      } finally {
        if (mine === sequence) loading.value = false;
      }
    };
    onMounted(load);
    onBeforeUnmount(() => clearTimeout(debounce));

    const onSearch = (value: string): void => {
      search.value = value;
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        pagination.page = 1;
        void load();
      }, SEARCH_DEBOUNCE_MS);
    };

    const openEditor = (row: SubAccountRow): void => {
      // The broken-build switch: the entry is there, clicking it does nothing.
      if (props.boot.features.credentialsDialogBroken) return;
      editing.value = row;
      showEditor.value = true;
    };

    const confirmThen = (kind: 'warning' | 'error' | 'info', title: string, content: string, positiveText: string, done: string, run: () => Promise<unknown>): void => {
      dialog[kind]({
        title,
        content,
        positiveText,
        negativeText: 'Cancel',
        onPositiveClick: async () => {
          try {
            await run();
            message.success(done);
            void load();
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 401)) message.error(e instanceof Error ? e.message : String(e));
          }
        },
      });
    };

    const onAction = (key: RowAction, row: SubAccountRow): void => {
      const url = `${API.subAccounts}/${encodeURIComponent(row.id)}`;
      switch (key) {
        case 'update-credentials':
          return openEditor(row);
        case 'disconnect':
          return confirmThen('warning', 'Disconnect Twilio', `Disconnect Twilio from ${row.name}? Its numbers stop working in the CRM.`, 'Disconnect', 'Twilio disconnected',
            () => api(`${url}/disconnect`, { method: 'POST' }));
        case 'delete-connection':
          return confirmThen('error', 'Delete Connection', `Delete the LC Phone connection of ${row.name}?`, 'Delete', 'Connection deleted',
            () => api(`${url}/lc-phone`, { method: 'DELETE' }));
        case 'link-leadconnector':
          return confirmThen('info', 'Link to LeadConnector', `Move ${row.name} to LC Phone?`, 'Link', 'Linked to LeadConnector',
            () => api(`${url}/lc-phone`, { method: 'POST' }));
        case 'sms-compliance':
          compliance.value = row;
          return;
      }
    };

    const actionCell = (row: SubAccountRow) => {
      const entries = rowMenu(row.managedBy, agencyOnLcPhone);
      if (legacy) {
        if (!entries.some((e) => e.key === 'update-credentials')) return null;
        return h('button', { type: 'button', class: 'btn btn-link btn-sm legacy-edit', title: 'Edit', onClick: () => openEditor(row) },
          [h('span', { class: 'legacy-edit__icon' }, [h(PencilIcon)])]);
      }
      return h(NDropdown, {
        trigger: 'click',
        placement: 'bottom-end',
        options: entries.map((e) => ({ key: e.key, label: e.label })),
        onSelect: (key: RowAction) => onAction(key, row),
      }, {
        default: () => h(NButton, { quaternary: true, circle: true, size: 'small' }, { icon: () => h(NIcon, null, { default: () => h(DotsVerticalIcon) }) }),
      });
    };

    const columns: DataTableColumns<SubAccountRow> = [
      {
        title: 'Sub-Account',
        key: 'name',
        render: (row) =>
          h('div', { class: 'subaccount-cell' }, [
            h('div', { class: 'subaccount-cell__name', title: row.name }, row.name),
            h('div', { class: 'subaccount-cell__id' }, row.id),
          ]),
      },
      {
        title: 'Account SID',
        key: 'accountSid',
        width: 300,
        render: (row) => (row.accountSid ? h('span', { class: 'sid-text' }, row.accountSid) : h('span', { class: 'muted' }, '—')),
      },
      {
        title: 'Managed By',
        key: 'managedBy',
        width: 150,
        render: (row) =>
          row.managedBy === 'lc-phone'
            ? h(NTag, { type: 'success', size: 'small', bordered: false }, { default: () => MANAGED_BY_TEXT['lc-phone'] })
            : h('span', { class: row.managedBy === 'twilio' ? 'managed-by' : 'muted' }, MANAGED_BY_TEXT[row.managedBy]),
      },
      { title: 'Actions', key: 'actions', width: 90, align: 'center', render: actionCell },
    ];

    const onUpdated = (): void => {
      void load();
    };

    return () =>
      h('div', { class: 'phone-tab' }, [
        h(NCard, { title: 'Sub Account Settings', size: 'medium' }, {
          default: () => [
            h('div', { class: 'subaccounts-toolbar' }, [
              h(NInput, {
                value: search.value,
                'onUpdate:value': onSearch,
                placeholder: 'Search sub-accounts by name, ID or SID',
                clearable: true,
                class: 'subaccounts-toolbar__search',
              }, { prefix: () => h(NIcon, null, { default: () => h(SearchIcon) }) }),
              h(NSelect, {
                value: managedBy.value,
                options: FILTERS,
                class: 'subaccounts-toolbar__filter',
                'onUpdate:value': (v: string) => {
                  managedBy.value = v;
                  pagination.page = 1;
                  void load();
                },
              }),
              h(NButton, { onClick: () => void load(), disabled: loading.value }, {
                icon: () => h(NIcon, null, { default: () => h(RefreshIcon) }),
                default: () => 'Refresh',
              }),
            ]),
            h(NDataTable, {
              remote: true,
              tableLayout: 'fixed',
              columns,
              data: rows.value,
              loading: loading.value,
              rowKey: (row: SubAccountRow) => row.id,
              bordered: false,
              singleLine: false,
              pagination: {
                page: pagination.page,
                pageSize: pagination.pageSize,
                itemCount: pagination.itemCount,
                pageSizes: [10, 25, 50, 100],
                showSizePicker: true,
                prefix: ({ itemCount }: { itemCount: number | undefined }) => `Total ${itemCount ?? 0}`,
              },
              'onUpdate:page': (page: number) => {
                pagination.page = page;
                void load();
              },
              'onUpdate:pageSize': (size: number) => {
                pagination.pageSize = size;
                pagination.page = 1;
                void load();
              },
            }),
          ],
        }),
        legacy
          ? h(LegacyCredentialsModal, { show: showEditor.value, row: editing.value, showsLocation: props.boot.features.credentialsDialogShowsLocation, onClose: () => (showEditor.value = false), onUpdated })
          : h(UpdateCredentialsModal, { show: showEditor.value, row: editing.value, showsLocation: props.boot.features.credentialsDialogShowsLocation, onClose: () => (showEditor.value = false), onUpdated }),
        h(NModal, {
          show: compliance.value !== null,
          preset: 'card',
          title: 'SMS Compliance',
          style: { width: '480px' },
          'onUpdate:show': (v: boolean) => {
            if (!v) compliance.value = null;
          },
        }, {
          default: () => [
            h('p', `A2P 10DLC registration for ${compliance.value?.name ?? ''} is managed by LC Phone.`),
            h('p', { class: 'muted' }, 'Brand status: Approved · Campaign status: Approved'),
          ],
          footer: () => h('div', { class: 'credentials-footer' }, [h(NButton, { onClick: () => (compliance.value = null) }, { default: () => 'Close' })]),
        }),
      ]);
  },
});
