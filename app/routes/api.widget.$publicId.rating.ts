import type { ActionFunctionArgs } from "@remix-run/node";
import { rateHandover } from "~/chat/rating.server";
import { RatingBody } from "~/chat/widget-api";
import { postOnlyLoader, visitorEndpoint } from "~/chat/widget-endpoint.server";
import { readWidgetBody, widgetJson } from "~/chat/widget-http.server";

export const loader = postOnlyLoader;

export async function action({ request, params }: ActionFunctionArgs) {
  return visitorEndpoint(request, params.publicId, async ({ widget, cors, session }) => {
    const body = await readWidgetBody(request, RatingBody);
    await rateHandover({ widget, session, body });
    return widgetJson({ saved: true }, 201, cors);
  });
}
