/** The text box of a list's search (the overview's table, the compare page's filter): it follows every key typed. */
import type { Ref } from "react";

export function SearchBox({
  label,
  placeholder,
  testId,
  value,
  onChange,
  ref,
}: {
  label: string;
  placeholder: string;
  testId: string;
  value: string;
  onChange: (text: string) => void;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <input
      type="search"
      ref={ref}
      aria-label={label}
      placeholder={placeholder}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="w-80 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-sky-600"
    />
  );
}
