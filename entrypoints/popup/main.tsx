import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { POPUP } from '@/lib/features/popup-parts';
import './popup.css';

performance.mark('hub-lens:popup-ran'); // user timing, read by the benchmark
// The first render may wait a moment (for the watch list's first rows, so that they are in it).
if (POPUP) {
  const { feature, part } = POPUP;
  void (part.ready?.() ?? Promise.resolve()).then(() =>
    render(
      <ErrorBoundary feature={feature}>
        <part.View />
      </ErrorBoundary>,
      document.getElementById('app')!,
    ),
  );
}
