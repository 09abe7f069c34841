import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/auth/client-ip.server";
import { startSession } from "~/chat/sessions.server";
import { StartSessionBody } from "~/chat/widget-api";
import { limitRate, methodNotAllowed, RATE_LIMITS, widgetEndpoint } from "~/chat/widget-endpoint.server";
import { readWidgetBody, widgetJson } from "~/chat/widget-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async () => {
    throw methodNotAllowed("POST");
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) => {
    await limitRate(`widget-sessions:ip:${clientIp(request)}`, RATE_LIMITS.sessionsPerIp, 60);
    const body = await readWidgetBody(request, StartSessionBody);
    const { created, session } = await startSession({ widget, body });
    return widgetJson(session, created ? 201 : 200, cors);
  });
}
