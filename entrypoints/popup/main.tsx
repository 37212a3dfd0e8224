import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { firstRowsOrAfter, Popup } from '@/lib/features/watch/Popup';
import './popup.css';

performance.mark('hub-lens:popup-ran'); // user timing, read by the benchmark
// The first render waits a moment for the first rows, so that they are in it.
void firstRowsOrAfter().then(() =>
  render(
    <ErrorBoundary feature="watch">
      <Popup />
    </ErrorBoundary>,
    document.getElementById('app')!,
  ),
);
