import { useSearchParams } from "@remix-run/react";

/** The current URL with some filters changed; any change but paging goes back to page 1. */
export function useFilterLink() {
  const [params] = useSearchParams();
  return (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    if (!("page" in changes)) next.delete("page");
    const query = next.toString();
    return query ? `?${query}` : ".";
  };
}
