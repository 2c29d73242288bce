import { Component, type ReactNode } from 'react';
import { currentI18n } from '../i18n';

/** A renderer failure shows a recoverable screen, not a blank window (and never a stack trace). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { message?: string }> {
  state: { message?: string } = {};

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  render() {
    if (this.state.message === undefined) return this.props.children;
    const { t } = currentI18n();
    return (
      <div className="crash" role="alert">
        <h1>{t('crash.title')}</h1>
        <p>{this.state.message}</p>
        <button onClick={() => this.setState({ message: undefined })}>{t('crash.retry')}</button>{' '}
        <button onClick={() => window.location.reload()}>{t('crash.reload')}</button>
      </div>
    );
  }
}
