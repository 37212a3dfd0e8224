import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { OPTIONS_PARTS } from '@/lib/features/options-parts';
import { SettingsSection } from './settings-section';
import './options.css';

function Options() {
  return (
    <main>
      <h1>Hub Lens</h1>
      <p class="muted">Everything here stays on this computer: Hub Lens talks to nobody but huggingface.co.</p>
      {OPTIONS_PARTS.map(({ feature, part: { View } }) => (
        <ErrorBoundary feature={feature} key={feature}>
          <View />
        </ErrorBoundary>
      ))}
      <ErrorBoundary feature="settings">
        <SettingsSection />
      </ErrorBoundary>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
