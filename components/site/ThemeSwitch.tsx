'use client';

import { useEffect, useState } from 'react';
import { resolveTheme, THEME_STORAGE_KEY, type ThemeChoice } from './theme';

const CHOICES: { value: ThemeChoice; label: string; icon: string }[] = [
  { value: 'system', label: 'Follow system theme', icon: '◐' },
  { value: 'light', label: 'Light theme', icon: '☀' },
  { value: 'dark', label: 'Dark theme', icon: '☾' },
];

function apply(choice: ThemeChoice) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(choice, dark);
  root.dataset.themeChoice = choice;
}

/** Three-way switch: system, light, dark. The boot script set the initial state. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice | null>(null);

  useEffect(() => {
    setChoice((document.documentElement.dataset.themeChoice as ThemeChoice) ?? 'system');
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => {
      if (document.documentElement.dataset.themeChoice === 'system') apply('system');
    };
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, []);

  function choose(next: ThemeChoice) {
    setChoice(next);
    try {
      if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage blocked: the choice still applies to this page.
    }
    apply(next);
  }

  return (
    <div className="theme-switch" role="group" aria-label="Colour theme">
      {CHOICES.map((c) => (
        <button
          key={c.value}
          type="button"
          aria-pressed={choice === c.value}
          aria-label={c.label}
          title={c.label}
          data-theme-choice={c.value}
          onClick={() => choose(c.value)}
        >
          <span aria-hidden="true">{c.icon}</span>
        </button>
      ))}
    </div>
  );
}
