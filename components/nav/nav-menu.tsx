"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

type Props = {
  /** The summary's content: the group's name (and its badge). */
  summary: ReactNode;
  /** An accessible name when the summary shows no text of its own. */
  summaryLabel?: string;
  summaryClassName: string;
  panelClassName: string;
  className?: string;
  /** Menus sharing a name are exclusive: the browser closes the others when one opens, also without JS. */
  name?: string;
  testId?: string;
  children: ReactNode;
};

/**
 * A disclosure menu on a native <details>: it opens and closes without JavaScript, and the summary
 * carries its expanded state to assistive technology by itself. The script only adds what a menu is
 * expected to do besides: Escape and a click outside close it, and so do following one of its links
 * and any navigation (the header stays mounted across client-side navigations).
 */
export function NavMenu({
  summary,
  summaryLabel,
  summaryClassName,
  panelClassName,
  className,
  name,
  testId,
  children,
}: Props) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      const focusWasInside = details.contains(document.activeElement);
      details.open = false;
      if (focusWasInside) details.querySelector("summary")?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, []);

  return (
    <details ref={ref} name={name} className={`group ${className ?? ""}`} data-testid={testId}>
      <summary aria-label={summaryLabel} className={summaryClassName}>
        {summary}
      </summary>
      <div
        className={panelClassName}
        onClick={(event) => {
          // A link followed from the menu closes it; a click on the panel's padding does not.
          if ((event.target as HTMLElement).closest("a") && ref.current) ref.current.open = false;
        }}
      >
        {children}
      </div>
    </details>
  );
}
