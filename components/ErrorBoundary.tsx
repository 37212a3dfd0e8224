import { Component, type ComponentChildren } from 'preact';
import { reportError } from '@/lib/features/report-error';

/** A feature's view that throws disappears alone, reported under its feature's name. */
export class ErrorBoundary extends Component<{ feature: string; children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown) {
    reportError(this.props.feature, error);
    this.setState({ failed: true });
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
