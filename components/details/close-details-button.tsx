import type { Ref } from "react";
import { CloseIcon } from "@/components/close-icon";

/** The details panel's close button, the same whether the details loaded or failed to. */
export function CloseDetailsButton({ onClose, ref }: { onClose: () => void; ref?: Ref<HTMLButtonElement> }) {
  return (
    <button
      type="button"
      ref={ref}
      onClick={onClose}
      aria-label="Close details"
      className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      <CloseIcon size={18} strokeWidth={2} />
    </button>
  );
}
