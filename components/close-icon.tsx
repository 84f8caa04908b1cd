/** The "×" of close and clear buttons (decorative: the button's aria-label names it). */
export function CloseIcon({ size, strokeWidth }: { size: number; strokeWidth: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth={strokeWidth} aria-hidden="true">
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}
