import { Link } from "@remix-run/react";

/** Previous and next links around the page number; nothing when everything fits on one page. */
export function Pagination({ page, hasNextPage, hrefFor, className = "" }: { page: number; hasNextPage: boolean; hrefFor: (page: number) => string; className?: string }) {
  if (page <= 1 && !hasNextPage) return null;
  return (
    <nav aria-label="Pages" className={`${className} flex items-center justify-between text-sm`.trim()}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="font-medium text-brand-700 hover:underline">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-500">Page {page}</span>
      {hasNextPage ? (
        <Link to={hrefFor(page + 1)} className="font-medium text-brand-700 hover:underline">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
