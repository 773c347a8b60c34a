import { type FormEvent, startTransition } from "react";

/**
 * A form's onSubmit that hands its data to a useActionState action without React's reset after
 * `<form action>`: that reset puts controlled selects (the step editor's targets) back to their first
 * option while their state still holds the choice, and loses what a refused form had.
 */
export const submitWithoutReset =
  (action: (form: FormData) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
