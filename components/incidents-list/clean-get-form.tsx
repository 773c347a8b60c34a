"use client";

import { useRouter } from "next/navigation";

/**
 * A GET form that leaves blank fields out of the URL (`?status=resolved`, not `?status=resolved&q=&…`)
 * and navigates client-side; without JavaScript it still submits as a plain form.
 */
export function CleanGetForm({
  action,
  children,
  ...rest
}: React.ComponentProps<"form"> & { action: string }) {
  const router = useRouter();
  return (
    <form
      {...rest}
      method="get"
      action={action}
      onSubmit={(event) => {
        event.preventDefault();
        const search = new URLSearchParams();
        for (const [key, value] of new FormData(event.currentTarget)) {
          if (typeof value === "string" && value.trim() !== "") search.append(key, value.trim());
        }
        const query = search.toString();
        router.push(query ? `${action}?${query}` : action);
      }}
    >
      {children}
    </form>
  );
}
