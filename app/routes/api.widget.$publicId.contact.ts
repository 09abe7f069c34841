import type { ActionFunctionArgs } from "@remix-run/node";
import { saveContact } from "~/chat/contact.server";
import { ContactBody } from "~/chat/widget-api";
import { postOnlyLoader, visitorEndpoint } from "~/chat/widget-endpoint.server";
import { readWidgetBody, widgetJson } from "~/chat/widget-http.server";

export const loader = postOnlyLoader;

export async function action({ request, params }: ActionFunctionArgs) {
  return visitorEndpoint(request, params.publicId, async ({ widget, cors, session }) => {
    const contact = await readWidgetBody(request, ContactBody);
    await saveContact({ widget, session, contact });
    return widgetJson({ saved: true }, 200, cors);
  });
}
