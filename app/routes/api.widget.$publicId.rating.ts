import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { rateHandover } from "~/chat/rating.server";
import { authenticateVisitor } from "~/chat/sessions.server";
import { RatingBody } from "~/chat/widget-api";
import { limitRate, methodNotAllowed, RATE_LIMITS, widgetEndpoint } from "~/chat/widget-endpoint.server";
import { bearerToken, readWidgetBody, widgetJson } from "~/chat/widget-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async () => {
    throw methodNotAllowed("POST");
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) => {
    const session = await authenticateVisitor({ widget, token: bearerToken(request) });
    await limitRate(`widget-other:${session.conversationId}`, RATE_LIMITS.otherPerSession, 60);
    const body = await readWidgetBody(request, RatingBody);
    await rateHandover({ widget, session, body });
    return widgetJson({ saved: true }, 201, cors);
  });
}
