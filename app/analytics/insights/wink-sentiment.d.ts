/** The part of wink-sentiment 5 that the app uses; the package ships no types. */
declare module "wink-sentiment" {
  interface WinkSentimentResult {
    /** Sum of the AFINN-165 / emoji / emoticon valences found, each -5..5, negations flipped. */
    score: number;
    /** Mean valence of the scored words, damped for texts over 15 words: always -5..5. */
    normalizedScore: number;
  }
  function sentiment(phrase: string): WinkSentimentResult;
  export default sentiment;
}
