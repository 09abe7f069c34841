import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readVerifiedForm } from "~/auth/csrf.server";
import { destroyLoginSession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readVerifiedForm(request);
  return redirect("/login", { headers: { "Set-Cookie": await destroyLoginSession(request) } });
}
