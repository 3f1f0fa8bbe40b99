// Applies the Settings theme: Electron's nativeTheme drives the page's prefers-color-scheme, which styles.css follows.
import { nativeTheme } from 'electron';
import type { Theme } from '../../shared/settings';

export function applyTheme(theme: Theme): void {
  nativeTheme.themeSource = theme;
}
