import type { ComponentProps } from 'react';
import styles from './Button.module.css';

interface ButtonProps extends ComponentProps<'button'> {
  /** The main action of its group (Play, Copy code): filled with the accent colour. */
  primary?: boolean;
  /** A small secondary action (copy link, dismiss): smaller, in the accent colour. */
  quiet?: boolean;
}

/**
 * The book's button. Every other prop (onClick, disabled, aria-*, data-action,
 * ref …) goes to the <button>; `type` is "button" unless given, so a button
 * inside a form submits only when it says so.
 */
export function Button({ primary = false, quiet = false, className, type = 'button', ...rest }: ButtonProps) {
  const classes = [styles.button, primary && styles.primary, quiet && styles.quiet, className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
