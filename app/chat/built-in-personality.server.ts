import { DEFAULT_FALLBACK_MESSAGE } from "../../db/entities";
import { OFFLINE_MODEL } from "../personalities/personality-settings";
import type { EnginePersonality } from "./answer-engine.server";

/** A tenant that has not created a personality yet still gets a grounded, offline assistant. */
export const BUILT_IN_PERSONALITY: EnginePersonality = {
  name: "Assistant",
  instructions: "",
  tone: "friendly",
  language: "en",
  knowledgeOnly: true,
  provider: "offline",
  model: OFFLINE_MODEL,
  temperature: 0.2,
  maxTokens: 512,
  fallbackMessage: DEFAULT_FALLBACK_MESSAGE,
};
