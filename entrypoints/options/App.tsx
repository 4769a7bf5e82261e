import { AgencyAccountsSection } from '../../components/AgencyAccountsSection';
import { AuditLogSection } from '../../components/AuditLogSection';
import { BehaviourSection } from '../../components/BehaviourSection';
import { ClearDataSection } from '../../components/ClearDataSection';
import { ClipboardSection } from '../../components/ClipboardSection';
import { CrmHostsSection } from '../../components/CrmHostsSection';
import { CrmWordingSection } from '../../components/CrmWordingSection';
import { MasterAccountSection } from '../../components/MasterAccountSection';
import { NotificationsSection } from '../../components/NotificationsSection';
import { ShortcutsSection } from '../../components/ShortcutsSection';
import { text } from '../../components/text';
import { healthText } from '../../components/health-text';

export function App() {
  return (
    <main class="options-main">
      <header class="top">
        <h1>{text.optionsTitle}</h1>
        <nav class="actions">
          <a href="/connect.html">{text.bulkConnect}</a>
          <a href="/health.html">{healthText.navLink}</a>
          <a href="/welcome.html">{text.gettingStarted}</a>
        </nav>
      </header>
      <CrmHostsSection />
      <BehaviourSection />
      <NotificationsSection />
      <ShortcutsSection />
      <ClipboardSection />
      <MasterAccountSection />
      <AgencyAccountsSection />
      <CrmWordingSection />
      <AuditLogSection />
      <ClearDataSection />
    </main>
  );
}
