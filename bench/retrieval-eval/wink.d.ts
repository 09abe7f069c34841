// The two wink packages ship no types; only what the evaluation calls is declared.
declare module "wink-bm25-text-search" {
  interface Bm25Engine {
    defineConfig(config: { fldWeights: Record<string, number> }): void;
    definePrepTasks(tasks: ((input: any) => any)[]): void;
    addDoc(document: Record<string, string>, id: string): void;
    consolidate(): void;
    search(query: string, limit?: number): [string, number][];
  }
  export default function bm25(): Bm25Engine;
}

declare module "wink-nlp-utils" {
  type Task = (input: any) => any;
  const nlp: {
    string: { lowerCase: Task; removeExtraSpaces: Task; tokenize0: Task };
    tokens: { removeWords: Task; stem: Task };
  };
  export default nlp;
}
