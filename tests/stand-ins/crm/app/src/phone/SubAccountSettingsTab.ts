import { defineComponent, h, onMounted, ref, type PropType } from 'vue';
import { NButton, NCard, NDataTable, NIcon, NInput, NModal, NSelect, useDialog, useMessage } from 'naive-ui';
import { API, type MenuEventBody, type PhoneIntegrationBoot, type SubAccountRow } from '../../../wire';
import { api, ApiError } from '../api';
import { RefreshIcon, SearchIcon } from '../icons';
import { isTracked, type RowAction } from './menu';
import { subAccountColumns } from './columns';
import { actionCell } from './rowActionCell';
import { useSubAccountList } from './subAccountList';
import { CredentialsEditor } from './CredentialsEditor';
import { LegacyCredentialsModal } from './LegacyCredentialsModal';

const FILTERS = [
  { label: 'All providers', value: '' },
  { label: 'Twilio', value: 'twilio' },
  { label: 'LC Phone', value: 'lc-phone' },
  { label: 'Not available', value: 'not-available' },
];

/** The sub-accounts table: search, pages or "Load more", a ⋮ menu (or a pencil) per row, as the layout says. */
export const SubAccountSettingsTab = defineComponent({
  name: 'SubAccountSettingsTab',
  props: { boot: { type: Object as PropType<PhoneIntegrationBoot>, required: true } },
  setup(props) {
    const message = useMessage();
    const dialog = useDialog();
    const layout = props.boot.features.layoutMatrix;
    const legacy = props.boot.features.phoneIntegrationLayout === 'legacy';
    const agencyOnLcPhone = props.boot.company.phoneProvider === 'lc-phone';
    const list = useSubAccountList(layout, (text) => message.error(text));
    const editing = ref<SubAccountRow | null>(null);
    const showEditor = ref(false);
    const compliance = ref<SubAccountRow | null>(null);
    onMounted(() => void list.load());

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
            void list.reload();
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 401)) message.error(e instanceof Error ? e.message : String(e));
          }
        },
      });
    };

    const onAction = async (key: RowAction, row: SubAccountRow): Promise<void> => {
      const url = `${API.subAccounts}/${encodeURIComponent(row.id)}`;
      // Usage telemetry, awaited so the backend's record of the selection precedes any confirmed action.
      if (isTracked(key)) await api(`${url}/menu-events`, { method: 'POST', body: { entry: key } satisfies MenuEventBody }).catch(() => undefined);
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

    const columns = subAccountColumns(layout, (row) =>
      actionCell(row, { layout, legacy, agencyOnLcPhone, onAction: (key, r) => void onAction(key, r), onEdit: openEditor }));

    const onUpdated = (): void => {
      void list.reload();
    };

    const table = () => {
      const { view } = list;
      return h(NDataTable, {
        remote: true,
        tableLayout: 'fixed',
        columns,
        data: list.rows.value,
        loading: list.loading.value,
        rowKey: (row: SubAccountRow) => row.id,
        bordered: false,
        singleLine: false,
        pagination: layout.list === 'pages'
          ? {
              page: view.page,
              pageSize: view.pageSize,
              itemCount: view.total,
              pageSizes: [10, 25, 50, 100],
              showSizePicker: true,
              prefix: ({ itemCount }: { itemCount: number | undefined }) => `Total ${itemCount ?? 0}`,
            }
          : false,
        'onUpdate:page': list.setPage,
        'onUpdate:pageSize': list.setPageSize,
      });
    };

    /** layout.list 'load-more': a count and the button, under the table, while rows remain. */
    const loadMore = () => {
      const shown = list.rows.value.length;
      const total = list.view.total;
      return h('div', { class: 'subaccounts-more' }, [
        h('span', { class: 'subaccounts-more__count' }, `Showing ${shown} of ${total}`),
        shown < total
          ? h(NButton, { onClick: list.loadMore, loading: list.loadingMore.value, disabled: list.loading.value }, { default: () => 'Load more' })
          : null,
      ]);
    };

    return () =>
      h('div', { class: 'phone-tab' }, [
        h(NCard, { title: 'Sub Account Settings', size: 'medium' }, {
          default: () => [
            h('div', { class: 'subaccounts-toolbar' }, [
              h(NInput, {
                value: list.search.value,
                'onUpdate:value': list.setSearch,
                placeholder: 'Search sub-accounts by name, ID or SID',
                clearable: true,
                class: 'subaccounts-toolbar__search',
              }, { prefix: () => h(NIcon, null, { default: () => h(SearchIcon) }) }),
              h(NSelect, {
                value: list.managedBy.value,
                options: FILTERS,
                class: 'subaccounts-toolbar__filter',
                'onUpdate:value': list.setManagedBy,
              }),
              h(NButton, { onClick: () => void list.reload(), disabled: list.loading.value }, {
                icon: () => h(NIcon, null, { default: () => h(RefreshIcon) }),
                default: () => 'Refresh',
              }),
            ]),
            table(),
            layout.list === 'load-more' ? loadMore() : null,
          ],
        }),
        legacy
          ? h(LegacyCredentialsModal, { show: showEditor.value, row: editing.value, showsLocation: props.boot.features.credentialsDialogShowsLocation, onClose: () => (showEditor.value = false), onUpdated })
          : h(CredentialsEditor, { show: showEditor.value, row: editing.value, showsLocation: props.boot.features.credentialsDialogShowsLocation, sticksAfterSave: props.boot.features.credentialsEditorSticks, layout, onClose: () => (showEditor.value = false), onUpdated }),
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
