import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getCurrentUser } from "~/auth/require-user.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getCurrentUser(request)) ? "/dashboard" : "/login");
}
