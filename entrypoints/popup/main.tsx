import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { Popup } from '@/lib/features/watch/Popup';
import './popup.css';

render(
  <ErrorBoundary feature="watch">
    <Popup />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
