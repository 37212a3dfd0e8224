import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { HistorySection } from '@/lib/features/history/HistorySection';
import { SettingsSection } from './settings-section';
import './options.css';

function Options() {
  return (
    <main>
      <h1>Hub Lens</h1>
      <p class="muted">Everything here stays on this computer: Hub Lens talks to nobody but huggingface.co.</p>
      <ErrorBoundary feature="history">
        <HistorySection />
      </ErrorBoundary>
      <ErrorBoundary feature="settings">
        <SettingsSection />
      </ErrorBoundary>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
