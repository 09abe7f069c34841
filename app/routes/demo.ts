import type { LoaderFunctionArgs } from "@remix-run/node";
import { demoShopPage } from "~/chat/demo-page.server";

/** A stand-in for a customer's website: plain HTML with the one-line embed snippet, nothing else of ours. */
export async function loader({ request }: LoaderFunctionArgs) {
  return new Response(demoShopPage(new URL(request.url).origin), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
