/** Stroke-drawn 24×24 icons, as path data: the loader draws them with DOM calls, the chat with Lit. */
export const ICONS = {
  chat: "M4 5h16v11H10l-4 4v-4H4z",
  chevronDown: "M6 9l6 6 6-6",
  close: "M6 6l12 12M18 6L6 18",
  send: "M3 11l18-8-8 18-2-8zM11 13L21 3",
  thumbUp: "M7 11v9H4v-9zM7 11l4-8c1.4 0 2.5 1.1 2.5 2.5L13 9h5.6a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.4 20H7",
};
