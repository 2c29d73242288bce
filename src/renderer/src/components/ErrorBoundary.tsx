import { Component, type ReactNode } from 'react';

/** A renderer failure shows a recoverable screen, not a blank window (and never a stack trace). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { message?: string }> {
  state: { message?: string } = {};

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  render() {
    if (this.state.message === undefined) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>This screen failed</h1>
        <p>{this.state.message}</p>
        <button onClick={() => this.setState({ message: undefined })}>Try again</button> <button onClick={() => window.location.reload()}>Reload the console</button>
      </div>
    );
  }
}
