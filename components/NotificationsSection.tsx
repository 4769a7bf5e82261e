import { notificationsOption } from '../utils/notifications-permission';
import { notificationsText } from './notifications-text';
import { PermissionToggle } from './PermissionToggle';

/** The optional system notifications (issue 13 item 2): off until the admin turns them on here. */
export function NotificationsSection() {
  return <PermissionToggle id="notifications" words={notificationsText} option={notificationsOption} />;
}
