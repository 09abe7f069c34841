// Worker entry: lets the TypeScript generator run in a worker thread under tsx, as the benchmark itself does.
import { register } from "tsx/esm/api";

register();
await import("./generator.ts");
