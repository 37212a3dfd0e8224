import { useEffect, useState } from 'preact/hooks';
import { allowedPollMinutes, periodWords } from '@/lib/features/period';
import { FEATURES, SWITCHABLE } from '@/lib/features/registry';
import { send } from '@/lib/features/send';
import { invalidSetting, normaliseSettings, renameOldSwitches, type Settings } from '@/lib/settings';
import { settingsItem } from '@/lib/storage-items';

/** One switch per feature that can be turned off, from the registry. */
const SWITCHES = SWITCHABLE.map((key) => ({ key, ...FEATURES[key].setting }));

const PERIODS = [15, 30, 60, 120, 360, 720, 1440];

/** What the Hub's budget really allows when the watch list is too long for the chosen period. */
export function PollPeriodNote({ watched, pollMinutes }: { watched: number; pollMinutes: number }) {
  const allowed = allowedPollMinutes(watched, pollMinutes);
  if (allowed <= pollMinutes) return null;
  return (
    <p class="muted" data-poll-note>
      With {watched.toLocaleString('en')} watched models, the Hub's budget (500 calls per 5 minutes, 80% of them for polling) allows each to be
      recorded about every {allowed} min at best, not every {periodWords(pollMinutes)}.
    </p>
  );
}

export function SettingsSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [watched, setWatched] = useState(0);
  useEffect(() => {
    void settingsItem.get().then(setSettings);
    void send('watchlist/top', { count: 1 }).then((top) => setWatched(top.ok ? top.value.total : 0));
    return settingsItem.watch(setSettings);
  }, []);
  if (!settings) return null;

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    const next = { ...settings, [key]: value };
    setSettings(next);
    void settingsItem.set(normaliseSettings(next));
  };

  /** Notifications need a permission Hub Lens asks for only now, on the user's click. */
  async function setNotifications(on: boolean) {
    const granted = !on || (await browser.permissions.request({ permissions: ['notifications'] }).catch(() => false));
    set('notifications', on && granted);
    if (on && !granted) setMessage({ ok: false, text: 'Notifications stay off: the browser did not grant the permission.' });
  }

  function exportSettings() {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify({ format: 'hub-lens-settings', version: 1, settings }, null, 2)], { type: 'application/json' }));
    a.download = 'hub-lens-settings.json';
    a.click();
  }

  async function importSettings(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch {
      return setMessage({ ok: false, text: 'Not imported: the file is not valid JSON.' });
    }
    const wrapped = data as { format?: unknown; settings?: unknown };
    if (wrapped?.format !== 'hub-lens-settings') return setMessage({ ok: false, text: 'Not imported: this is not a Hub Lens settings file.' });
    if (typeof wrapped.settings !== 'object' || wrapped.settings === null) return setMessage({ ok: false, text: 'Not imported: the file holds no settings.' });
    const bad = invalidSetting(wrapped.settings);
    if (bad) return setMessage({ ok: false, text: `Not imported: settings.${bad} has a value Hub Lens does not know.` });
    await settingsItem.set(normaliseSettings({ ...settings, ...renameOldSwitches(wrapped.settings) }));
    setMessage({ ok: true, text: 'Settings imported.' });
  }

  return (
    <section aria-labelledby="features-h">
      <h2 id="features-h">Features</h2>
      {SWITCHES.map(({ key, label, help }) => (
        <label class="switch" key={key}>
          <input type="checkbox" data-setting={key} checked={settings[key]} onChange={(e) => set(key, (e.currentTarget as HTMLInputElement).checked)} />
          <span>
            <strong>{label}</strong> <span class="muted">{help}</span>
          </span>
        </label>
      ))}
      <label class="switch">
        <input type="checkbox" checked={settings.notifications} onChange={(e) => void setNotifications((e.currentTarget as HTMLInputElement).checked)} />
        <span>
          <strong>Desktop notifications</strong>{' '}
          <span class="muted">When a watched model gets a new warning; the same warning at most once a day.</span>
        </span>
      </label>
      <label class="field">
        <span>Record watched models every</span>
        <select value={settings.pollMinutes} onChange={(e) => set('pollMinutes', Number((e.currentTarget as HTMLSelectElement).value))}>
          {PERIODS.map((m) => (
            <option value={m} key={m}>{periodWords(m)}</option>
          ))}
        </select>
      </label>
      <PollPeriodNote watched={watched} pollMinutes={settings.pollMinutes} />
      <label class="field">
        <span>Warning sensitivity</span>
        <select value={settings.sensitivity} onChange={(e) => set('sensitivity', (e.currentTarget as HTMLSelectElement).value as Settings['sensitivity'])}>
          <option value="low">Low: only strong evidence</option>
          <option value="normal">Normal</option>
          <option value="high">High: flag earlier, expect more false alarms</option>
        </select>
      </label>
      <label class="field">
        <span>Theme</span>
        <select value={settings.theme} onChange={(e) => set('theme', (e.currentTarget as HTMLSelectElement).value as Settings['theme'])}>
          <option value="auto">Follow huggingface.co</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <div class="row">
        <button type="button" onClick={exportSettings}>Export settings</button>
        <label class="button">
          Import settings…
          <input type="file" class="file-input" accept=".json,application/json" onChange={importSettings} />
        </label>
      </div>
      {message && <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
