import { Component, type ReactNode } from 'react';

/** The last line of defence against a blank page: a rendering bug shows a message and a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-box page" role="alert" data-testid="error-boundary">
        <span>页面出现错误，请刷新后重试。</span>
        <button type="button" className="button secondary" onClick={() => window.location.reload()}>
          刷新页面
        </button>
      </div>
    );
  }
}
