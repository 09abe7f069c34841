/** What the rating and email forms say; the rest of the widget's texts are in chat/strings.ts. */
export const STRINGS = {
  ratingQuestion: "How did we do?",
  ratingComment: "Comment (optional)",
  sendRating: "Send rating",
  ratingThanks: "Thanks for your feedback",
  email: "Your email",
  sendEmail: "Send email",
};

export const starLabel = (stars: number) => `${stars} star${stars === 1 ? "" : "s"}`;
export const emailSaved = (email: string) => `Thanks — we'll email you at ${email}`;
