import { getWidgetByPublicId, type PublicWidget } from "../widgets/widgets.server";
import { isOriginAllowed } from "../widgets/allowed-origins";
import { corsHeaders, WidgetApiFailure } from "./widget-http.server";

export type VisitorWidget = PublicWidget;

export interface WidgetRequest {
  widget: VisitorWidget;
  /** CORS headers for this request's origin; every answer, errors included, carries them. */
  cors: Headers;
}

const PUBLIC_ID = /^[\w-]{4,32}$/;

/**
 * Every visitor request names its widget, and widgets change rarely: each process keeps a lookup
 * for a few seconds (two transactions saved per message). A change (allowed domains, disabling,
 * a rotated secret) reaches every process within this time.
 */
const WIDGET_CACHE_TTL_MS = 5_000;
const WIDGET_CACHE_MAX = 5_000;
const widgetCache = new Map<string, { widget: PublicWidget | null; expires: number }>();

async function lookUpWidget(publicId: string): Promise<PublicWidget | null> {
  const cached = widgetCache.get(publicId);
  if (cached && cached.expires > Date.now()) return cached.widget;
  const widget = await getWidgetByPublicId({ publicId });
  if (widgetCache.size >= WIDGET_CACHE_MAX) widgetCache.clear();
  widgetCache.set(publicId, { widget, expires: Date.now() + WIDGET_CACHE_TTL_MS });
  return widget;
}

/**
 * Resolves the widget a visitor's request names and checks where the request comes from.
 * A browser sends Origin on every cross-origin request: it must be this app (the dashboard
 * preview, the demo page) or one of the widget's allowed origins. Requests without Origin are
 * same-origin page loads or not from a browser, which CORS does not govern; session tokens and
 * rate limits do.
 */
export async function resolveWidgetRequest(request: Request, publicId: string | undefined): Promise<WidgetRequest> {
  const origin = request.headers.get("Origin");
  const widget = publicId && PUBLIC_ID.test(publicId) ? await lookUpWidget(publicId) : null;
  if (!widget) throw new WidgetApiFailure(404, "widget_not_found", "This chat widget does not exist.");
  if (!widget.isActive) throw new WidgetApiFailure(403, "widget_disabled", "This chat widget is switched off.");
  const sameOrigin = origin === new URL(request.url).origin;
  if (origin && !sameOrigin && !isOriginAllowed(origin, widget.allowedOrigins)) {
    throw new WidgetApiFailure(403, "origin_not_allowed", `This widget may not be used on ${origin}.`);
  }
  return { widget, cors: corsHeaders(origin) };
}
