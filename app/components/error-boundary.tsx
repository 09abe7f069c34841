import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; hint: string }> = {
  403: { title: "You don't have access to this", hint: "Your role does not allow this page or action. Ask an owner or admin." },
  404: { title: "Not found", hint: "This page does not exist, or it belongs to another workspace." },
  410: { title: "This link has expired", hint: "Ask for a new one." },
};

/** One place that renders thrown responses (403, 404, ...) and unexpected errors. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = MESSAGES[status];
  const title = known?.title ?? (status >= 500 ? "Something went wrong" : `Error ${status}`);
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : known?.hint;
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold text-brand-600">{status}</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-600">
        {status >= 500 ? "We could not complete this request. Try again in a moment." : detail}
      </p>
      <Link to="/dashboard" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Back to the dashboard
      </Link>
    </div>
  );
}
