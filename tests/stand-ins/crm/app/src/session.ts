import { reactive } from 'vue';

export const SESSION_EXPIRED_TEXT = 'Your session has expired. Please log in again.';

/** Set when any request answers 401; the page then shows the expired state. */
export const session = reactive({ expired: false });
