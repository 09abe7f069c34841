import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { z } from "zod";
import { emailField } from "../utils/forms";
import { verifyLogin, type AuthenticatedUser } from "./login.server";

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "That password is too long."),
  redirectTo: z.string().optional(),
});

export const authenticator = new Authenticator<AuthenticatedUser>();

authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    const { email, password } = LoginSchema.parse(Object.fromEntries(form));
    return verifyLogin({ email, password, request });
  }),
  "form",
);
