/**
 * Deterministic synthetic knowledge base for the retrieval scale benchmark: clustered unit vectors
 * (as real sentence embeddings cluster by topic) and help-centre-like text whose words follow a
 * Zipf distribution, so BM25 postings have realistic document frequencies.
 */

export const DIMENSIONS = 512;

/** mulberry32: small, fast, seedable; plenty for benchmark data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const gaussian = () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const int = (n: number) => Math.floor(next() * n);
  const uuid = () => {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push(((next() * 4294967296) >>> 0).toString(16).padStart(8, "0"));
    const s = hex.join("");
    const variant = ((parseInt(s[16], 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  };
  return { next, gaussian, int, uuid };
}
export type Random = ReturnType<typeof createRandom>;

/**
 * Samples ranks 0..n-1 with P(rank) ∝ 1/(rank+1+offset)^s (Zipf, or Zipf–Mandelbrot with an
 * offset, which flattens the head), by binary search over the cumulative weights.
 */
export function zipfSampler(n: number, s = 1, offset = 0) {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1 + offset, s);
  return (random: Random) => {
    const target = random.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function normalizeInPlace(vector: Float64Array | Float32Array): void {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] *= scale;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

export interface Cluster {
  centre: Float64Array;
  /** Noise per dimension: expected cosine between two members is 1 / (1 + d·sigma²). */
  sigma: number;
  /** Words this topic uses more often than the corpus at large (indexes into CONTENT_WORDS). */
  topicWords: number[];
}

/** `count` random unit centres; each cluster's sigma puts same-cluster cosine in [0.6, 0.8]. */
export function makeClusters(random: Random, count: number): Cluster[] {
  return Array.from({ length: count }, () => {
    const centre = new Float64Array(DIMENSIONS);
    for (let i = 0; i < DIMENSIONS; i++) centre[i] = random.gaussian();
    normalizeInPlace(centre);
    const targetCosine = 0.6 + 0.2 * random.next();
    const sigma = Math.sqrt((1 / targetCosine - 1) / DIMENSIONS);
    const topicWords = Array.from({ length: 12 }, () => random.int(CONTENT_WORDS.length));
    return { centre, sigma, topicWords };
  });
}

/** A unit vector near the cluster's centre: normalize(centre + N(0, sigma²)). */
export function memberVector(random: Random, cluster: Cluster): Float64Array {
  const vector = new Float64Array(DIMENSIONS);
  for (let i = 0; i < DIMENSIONS; i++) vector[i] = cluster.centre[i] + cluster.sigma * random.gaussian();
  normalizeInPlace(vector);
  return vector;
}

/**
 * The vector as stored: components rounded to 6 decimals (~4 significant digits around ±0.04) for
 * the text literal, and the float32 values PostgreSQL will parse from it.
 */
export function storedVector(vector: ArrayLike<number>): { literal: string; float32: Float32Array } {
  const float32 = new Float32Array(vector.length);
  let literal = "[";
  for (let i = 0; i < vector.length; i++) {
    const rounded = Math.round(vector[i] * 1e6) / 1e6;
    float32[i] = rounded;
    if (i) literal += ",";
    literal += rounded.toString();
  }
  return { literal: literal + "]", float32 };
}

// Function words lead the frequency list (to_tsvector drops them as stop words, as it does in real text).
const FUNCTION_WORDS = `the to your you and a of in is for on it can if this be or with that are from not your we will an as at by
have has do does when after before then any all more which our please there their into how what one also each its may
only new other same these than them they out up so about over no more just first most some such`.split(/\s+/);

/** Help-centre vocabulary, roughly most common first (rank sets its Zipf frequency). */
export const CONTENT_WORDS = `account order click settings page select open email payment change delivery button
address parcel password help support customer update team widget invoice plan billing contact refund shipping card
number message time days use sign name make need find item items customers access information return add set access
set option phone app code error screen link menu dashboard profile status request week form details tracking label
subscription check cancel show enter save send report user users list list data receive download upload file files
location locker pickup return returns courier business charge charges fee fees price pricing invoice invoices tax
document documents workspace agent agents conversation conversations article articles knowledge search question
questions answer answers language hours notification notifications security login logout verify verification
domain integration integrations api key keys token tokens webhook webhooks limit limits rate export import history
audit role roles permission permissions owner admin member members invite invitation guest visitor visitors chat
assistant handoff human escalate escalation survey rating feedback lead leads analytics report reports resolved
unresolved weekly monthly yearly annual trial discount coupon voucher gift balance credit debit bank transfer
currency country international customs duties damaged lost missing delayed late stolen claim compensation insurance
signature neighbour doorstep safe place redirect reschedule collect collection drop dropoff point store shop
warehouse stock sku product products variant size weight dimensions box envelope packaging sticker printer print
scan barcode qr pin bluetooth door compartment storage extension extend expire expired expiry reminder sms push
mobile android iphone browser cache cookie cookies session device devices desktop tablet window tab popup modal
dialog field fields dropdown checkbox toggle switch enable disable enabled disabled default custom template templates
theme colour logo font position corner embed snippet script install installation website site domain url redirect
sandbox production live test testing debug log logs timeout retry retries failure failed success successful pending
processing queued complete completed archived archive restore delete deleted remove removed merge close closed
reopen transfer assign assigned unassigned priority urgent normal low high queue inbox filter filters sort tag tags
label labels bulk csv spreadsheet column columns row rows header headers encoding utf character characters limit
quota usage budget alert alerts threshold spend spending cost costs model models provider providers offline online
network connection connect connected disconnect firewall proxy certificate ssl dns record records propagate
verified unverified owner transfer ownership legal gdpr privacy consent policy terms agreement contract renewal
renew downgrade upgrade seat seats license licence enterprise starter professional team business personal
password reset forgot recover recovery lock locked unlock attempts blocked block unblock spam phishing fraud
suspicious activity alert two factor authentication authenticator backup codes device trusted remember`
  .split(/\s+/)
  .filter((word, index, all) => word && all.indexOf(word) === index);

/** Error codes and SKUs, as visitors paste them ("ERR-1234", "PP-4012", "SKU-58213"). */
const CODE_PREFIXES = ["ERR", "PP", "SKU", "INV", "LCK"];

function code(rank: number): string {
  const prefix = CODE_PREFIXES[rank % CODE_PREFIXES.length];
  return `${prefix}-${1000 + ((rank * 7919) % 9000)}`;
}

const CODE_COUNT = 3000;
// The offset keeps the most common content words in roughly a third of the chunks, not nearly all
// (with a vocabulary of a few hundred words, a pure Zipf head would put "account" in 95% of them).
const contentRank = zipfSampler(CONTENT_WORDS.length, 1.0, 10);
const functionRank = zipfSampler(FUNCTION_WORDS.length, 1.0);
const codeRank = zipfSampler(CODE_COUNT, 0.8);

/** 40–60 words in sentences of 6–14, about 45% function words, topic words favoured, sometimes a code. */
export function chunkText(random: Random, cluster: Cluster): string {
  const length = 40 + random.int(21);
  const words: string[] = [];
  let sentence = 0;
  let sentenceLength = 6 + random.int(9);
  for (let i = 0; i < length; i++) {
    let word: string;
    const roll = random.next();
    if (roll < 0.45) word = FUNCTION_WORDS[functionRank(random)];
    else if (roll < 0.65) word = CONTENT_WORDS[cluster.topicWords[random.int(cluster.topicWords.length)]];
    else if (roll < 0.995) word = CONTENT_WORDS[contentRank(random)];
    else word = code(codeRank(random));
    if (sentence === 0) word = word[0].toUpperCase() + word.slice(1);
    sentence++;
    if (sentence >= sentenceLength || i === length - 1) {
      word += ".";
      sentence = 0;
      sentenceLength = 6 + random.int(9);
    }
    words.push(word);
  }
  return words.join(" ");
}

export function documentTitle(random: Random, cluster: Cluster): string {
  const words = Array.from({ length: 3 + random.int(3) }, () =>
    random.next() < 0.6 ? CONTENT_WORDS[cluster.topicWords[random.int(cluster.topicWords.length)]] : CONTENT_WORDS[contentRank(random)],
  );
  return `How to ${words.join(" ")}`;
}

/** A visitor's question: 3–8 words, at least two of them content words, a code in one of ten. */
export function queryText(random: Random, cluster: Cluster): string {
  for (;;) {
    const length = 3 + random.int(6);
    const words: string[] = [];
    let content = 0;
    for (let i = 0; i < length; i++) {
      const roll = random.next();
      if (roll < 0.25) {
        words.push(FUNCTION_WORDS[functionRank(random)]);
        continue;
      }
      content++;
      if (roll < 0.65) words.push(CONTENT_WORDS[cluster.topicWords[random.int(cluster.topicWords.length)]]);
      else words.push(CONTENT_WORDS[contentRank(random)]);
    }
    if (content < 2) continue;
    if (random.next() < 0.1) words.push(code(codeRank(random)));
    return `${words.join(" ")}?`;
  }
}

export const CLUSTERS = 300;
/** Topics a small tenant writes about, out of the shared clusters: tenants overlap, as support sites do. */
const SMALL_TENANT_TOPICS = 40;

/**
 * The shared topic clusters and, per tenant, how it picks a topic for a document or a query:
 * tenant 0 (the largest) covers all topics with Zipf-skewed weights, the others 40 topics each.
 * Deterministic in `seed`, so the generator worker and the benchmark derive the same.
 */
export function topicModel(seed: number, tenants: number) {
  const random = createRandom(seed);
  const clusters = makeClusters(random, CLUSTERS);
  const largeTopics = zipfSampler(CLUSTERS, 0.7);
  const order = Array.from({ length: CLUSTERS }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const pickers = Array.from({ length: tenants }, (_, tenant): ((r: Random) => Cluster) => {
    if (tenant === 0) return (r) => clusters[order[largeTopics(r)]];
    const topics = Array.from({ length: SMALL_TENANT_TOPICS }, () => random.int(CLUSTERS));
    return (r) => clusters[topics[r.int(topics.length)]];
  });
  return { clusters, pickers };
}
