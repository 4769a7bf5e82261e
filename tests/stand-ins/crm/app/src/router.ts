import { h, reactive, type VNode } from 'vue';

/** A tiny history router: the app is a single page, navigation between its parts uses pushState. */
export const route = reactive({ path: location.pathname });

window.addEventListener('popstate', () => {
  route.path = location.pathname;
});

export function navigate(path: string): void {
  if (path === route.path) return;
  history.pushState({}, '', path);
  route.path = path;
}

export function link(href: string, children: VNode | string | (VNode | string)[], props: Record<string, unknown> = {}): VNode {
  return h('a', {
    ...props,
    href,
    onClick: (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(href);
    },
  }, children);
}
