import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { effectiveLanguage, effectiveTheme, useSettings } from './stores/settings';
import './styles.css';

// Theme and language before the first paint, so a light-theme user never sees a dark flash.
document.documentElement.dataset.theme = effectiveTheme(useSettings.getState());
document.documentElement.lang = effectiveLanguage(useSettings.getState());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
