import { useEffect, useId, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "selected";

/**
 * Read-only text with a Copy button. Where the Clipboard API is missing or refused (plain http,
 * browser permissions) the text is selected instead, for the person to copy with the keyboard.
 */
export function CopyableText({ label, value, rows = 3 }: { label: string; value: string; rows?: number }) {
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      textRef.current?.focus();
      textRef.current?.select();
      setState("selected");
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        ref={textRef}
        id={id}
        readOnly
        value={value}
        rows={rows}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
      />
      <div className="mt-2 flex items-center gap-3">
        <button type="button" onClick={copy} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          Copy<span className="sr-only"> {label.toLowerCase()}</span>
        </button>
        <p role="status" className="text-sm text-green-700">
          {state === "copied" ? "Copied" : state === "selected" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
        </p>
      </div>
    </div>
  );
}
