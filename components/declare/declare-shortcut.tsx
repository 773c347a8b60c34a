"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";

const DECLARE_PATH = "/incidents/new";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null
  );
}

/**
 * "d" opens the Declare page from anywhere: when something breaks, the fastest path matters.
 * Only a bare key counts, so typing, browser shortcuts (Ctrl+D bookmarks) and IME input are left alone.
 */
export function DeclareShortcut() {
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (pathname === DECLARE_PATH) return;
    router.prefetch(DECLARE_PATH);
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "d" || event.repeat || event.isComposing || event.defaultPrevented) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      router.push(DECLARE_PATH);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [pathname, router]);

  return null;
}
