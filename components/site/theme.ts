/**
 * Theme preference: 'system' follows the operating system; 'light' and
 * 'dark' override it and are remembered in localStorage.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_STORAGE_KEY = 'looking-glass-theme';

/**
 * Runs in <head> before the first paint so the page never flashes the
 * wrong theme. A `?theme=` in the URL (embeds) wins over the stored choice
 * and is not remembered.
 */
export const themeBootScript = `(function(){try{
var q=new URLSearchParams(location.search).get('theme');
var s=localStorage.getItem('${THEME_STORAGE_KEY}');
var t=(q==='light'||q==='dark')?q:(s==='light'||s==='dark')?s:(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');
document.documentElement.dataset.theme=t;
document.documentElement.dataset.themeChoice=(q==='light'||q==='dark')?q:(s==='light'||s==='dark')?s:'system';
}catch(e){document.documentElement.dataset.theme='light'}})();`;

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}
