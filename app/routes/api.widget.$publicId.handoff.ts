import type { ActionFunctionArgs } from "@remix-run/node";
import { requestHuman } from "~/chat/visitor-actions.server";
import { HandoffBody } from "~/chat/widget-api";
import { postOnlyLoader, visitorEndpoint } from "~/chat/widget-endpoint.server";
import { readWidgetBody, widgetJson } from "~/chat/widget-http.server";

export const loader = postOnlyLoader;

export async function action({ request, params }: ActionFunctionArgs) {
  return visitorEndpoint(request, params.publicId, async ({ widget, cors, session }) => {
    const { reason } = await readWidgetBody(request, HandoffBody);
    return widgetJson(await requestHuman({ widget, session, reason }), 201, cors);
  });
}
