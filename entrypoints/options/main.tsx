import { render } from 'preact';
import { HistorySection } from './history-section';
import { SettingsSection } from './settings-section';
import './options.css';

function Options() {
  return (
    <main>
      <h1>Hub Lens</h1>
      <p class="muted">Everything here stays on this computer: Hub Lens talks to nobody but huggingface.co.</p>
      <HistorySection />
      <SettingsSection />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
