import { DEMO_ORGANISATION, DEMO_WIDGET_PUBLIC_ID } from "../../db/seed";

export function isDemoWidget(publicId: string): boolean {
  return publicId === DEMO_WIDGET_PUBLIC_ID;
}

/** The demo shop page, with the widget embedded exactly as the dashboard's snippet says. */
export function demoShopPage(origin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${DEMO_ORGANISATION} · Demo shop</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1f2937; background: #f8fafc; }
  header { background: #0f766e; color: white; padding: 1.5rem 2rem; }
  main { max-width: 48rem; margin: 2rem auto; padding: 0 1.5rem; }
  .products { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
  .product { background: white; border: 1px solid #e2e8f0; border-radius: .75rem; padding: 1rem; }
  code { background: #e2e8f0; padding: .1rem .3rem; border-radius: .25rem; font-size: .85em; }
</style>
</head>
<body>
<header><h1>${DEMO_ORGANISATION}</h1><p>Outdoor clothing and gear · demo shop</p></header>
<main>
  <p>This page stands in for a customer's website. The chat in the corner is the assistant, embedded with one line:</p>
  <p><code>&lt;script src="${origin}/widget.js" data-widget="${DEMO_WIDGET_PUBLIC_ID}" async&gt;&lt;/script&gt;</code></p>
  <p>Try "How long does delivery take?", "Can I return sale items?" or something the help centre does not cover.</p>
  <section class="products" aria-label="Products">
    <div class="product"><h2>Trail jacket</h2><p>Waterproof, 3 layers. £149</p></div>
    <div class="product"><h2>Merino base layer</h2><p>Warm, odour-resistant. £59</p></div>
    <div class="product"><h2>Hiking boots</h2><p>Leather, Vibram sole. £129</p></div>
  </section>
</main>
<script src="/widget.js" data-widget="${DEMO_WIDGET_PUBLIC_ID}" async></script>
</body>
</html>
`;
}
