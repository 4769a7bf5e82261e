import { defineComponent, h } from 'vue';
import { NConfigProvider, NDialogProvider, NMessageProvider, NNotificationProvider, type GlobalThemeOverrides } from 'naive-ui';
import { Shell } from './Shell';

/** HighLevel's design system is a naive-ui derivative with its own class prefix (DESIGN.md §3). */
const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#155EEF',
    primaryColorHover: '#2970FF',
    primaryColorPressed: '#004EEB',
    primaryColorSuppl: '#2970FF',
    fontFamily: 'Inter, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    borderRadius: '6px',
  },
};

/** The class prefix the server chose for this page load (layout switch `classPrefix`). */
const clsPrefix = document.documentElement.dataset['designPrefix'] ?? 'hr';

export const Root = defineComponent({
  name: 'Root',
  setup() {
    return () =>
      h(NConfigProvider, { clsPrefix, themeOverrides }, {
        default: () =>
          h(NNotificationProvider, null, {
            default: () =>
              h(NMessageProvider, { duration: 5000, keepAliveOnHover: true }, {
                default: () => h(NDialogProvider, null, { default: () => h(Shell) }),
              }),
          }),
      });
  },
});
