import type { LoaderFunctionArgs } from "@remix-run/node";
import { widgetEndpoint } from "~/chat/widget-endpoint.server";
import { widgetJson } from "~/chat/widget-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) =>
    widgetJson(widget.config, 200, cors, { "Cache-Control": "public, max-age=60" }),
  );
}
