import { DEFAULT_FALLBACK_MESSAGE } from "../entities";

/** What the demo shop's customers ask about: the ways they put it, and how the assistant fares. */
export interface DemoTopic {
  questions: string[];
  /** The assistant's reply; the fallback message for what the help centre does not cover. */
  answer: string;
  outcome: "answered" | "low_confidence" | "not_covered";
  /** How often it comes up, relative to the others. */
  weight: number;
  /** The help article an answered question cites. */
  source?: string;
}

export const DEMO_TOPICS: DemoTopic[] = [
  {
    questions: ["How long does delivery take?", "When will my order arrive?", "How many days is standard shipping?", "how long is delivery to Germany"],
    answer: "Standard delivery takes 3 to 5 working days; Express arrives the next working day when you order before 2pm. [1]",
    outcome: "answered",
    weight: 12,
    source: "Shipping and delivery",
  },
  {
    questions: ["How do I return an item?", "I want to send back a jacket", "How do returns work?", "can i return shoes i wore once"],
    answer: "You have 30 days from delivery to return unworn items with the tags on. Start a return at returns.northwind-outfitters.example with your order number. [1]",
    outcome: "answered",
    weight: 10,
    source: "Returns and exchanges",
  },
  {
    questions: ["Where is my order?", "My parcel hasn't arrived yet", "How can I track my package?", "tracking link doesn't work"],
    answer: "Your shipping email has a tracking link; you can also enter your order number and email at Order tracking. [1]",
    outcome: "answered",
    weight: 9,
    source: "Order tracking",
  },
  {
    questions: ["Which size should I choose?", "Do your boots run small?", "What size jacket for 180 cm?"],
    answer: "Our jackets follow standard EU sizes; if you are between sizes, take the larger one for layering. Boots run true to size. [1]",
    outcome: "answered",
    weight: 7,
    source: "Sizing guide",
  },
  {
    questions: ["When will I get my refund?", "How long do refunds take?", "I returned my order, where is my money?"],
    answer: "Refunds go back to your original payment method within 5 working days of your return reaching our warehouse. [1]",
    outcome: "answered",
    weight: 6,
    source: "Refunds",
  },
  {
    questions: ["I forgot my password", "How do I reset my password?", "can't log in to my account"],
    answer: "Use “Forgot password” on the sign-in page; the reset link in the email is valid for one hour. [1]",
    outcome: "answered",
    weight: 5,
    source: "Account and password",
  },
  {
    questions: ["What payment methods do you accept?", "Can I pay with PayPal?", "Do you take Apple Pay?"],
    answer: "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. [1]",
    outcome: "answered",
    weight: 4,
    source: "Payment methods",
  },
  {
    questions: ["How do I wash my down jacket?", "Can I tumble dry a waterproof jacket?"],
    answer: "Wash down at 30 °C with a down detergent and tumble dry on low with two clean tennis balls to restore the loft. [1]",
    outcome: "answered",
    weight: 3,
    source: "Product care",
  },
  {
    questions: ["How do trail points work?", "How many points do I get per euro?"],
    answer: "You earn 1 trail point per euro spent; 500 points make a €10 voucher. [1]",
    outcome: "answered",
    weight: 3,
    source: "Trail points",
  },
  {
    questions: ["Is my jacket covered by warranty?", "The zip on my backpack broke, is that under warranty?"],
    answer: "Our gear has a 2-year warranty against manufacturing faults; send a photo and your order number to start a claim. [1]",
    outcome: "low_confidence",
    weight: 3,
    source: "Warranty",
  },
  {
    questions: ["Can I pay in instalments?", "Do you offer Klarna?"],
    answer: "We accept cards, PayPal, Apple Pay and Google Pay. [1]",
    outcome: "low_confidence",
    weight: 2,
    source: "Payment methods",
  },
  {
    questions: ["Do you sell gift cards?", "Can I buy a gift voucher for a friend?", "gift card for christmas?"],
    answer: DEFAULT_FALLBACK_MESSAGE,
    outcome: "not_covered",
    weight: 4,
  },
  {
    questions: ["Do you ship to Canada?", "Can you deliver to the United States?"],
    answer: DEFAULT_FALLBACK_MESSAGE,
    outcome: "not_covered",
    weight: 3,
  },
  {
    questions: ["Do you offer a student discount?", "Is there a discount for students?"],
    answer: DEFAULT_FALLBACK_MESSAGE,
    outcome: "not_covered",
    weight: 2,
  },
];

/** Returning customers who signed in on the shop; the rest chat anonymously. */
export const DEMO_CUSTOMERS = [
  "Maya Keller", "Jonas Weber", "Aisha Khan", "Liam O'Brien", "Sofia Rossi", "Noah Fischer", "Emma Dubois", "Lucas Silva",
  "Hannah Schmidt", "Omar Haddad", "Chloe Martin", "Ben Wagner", "Ines Moreau", "Tom Becker", "Lena Hoffmann", "Yuki Tanaka",
  "Priya Nair", "Mateo García", "Clara Novak", "David Cohen", "Freya Larsen", "Ali Demir", "Zoe Clarke", "Felix Braun",
];

export const HANDOFF_REQUESTS = ["Can I talk to a person please?", "I'd like to speak to someone from your team.", "This isn't helping, can a human help me?"];
export const UNHAPPY_FOLLOW_UPS = ["That doesn't answer my question.", "This is really frustrating, I've waited two weeks already.", "Not what I asked."];
export const AGENT_REPLIES = [
  "Hi, thanks for waiting. I've checked your order and I'm sorting this out for you now.",
  "Sorry about the trouble. I've sent you an email with the next steps.",
  "Good news: I've issued a replacement, it ships tomorrow.",
];
export const THANKS = ["Thank you so much, that's great!", "Perfect, thanks for the quick help.", "Ok thanks."];
export const LEAD_MESSAGES = [
  "We're a hiking club of 25 people, do you offer a group discount? You can reach me at {email}.",
  "I'd like a quote for 40 fleece jackets with our logo for our company. My email is {email}.",
];
