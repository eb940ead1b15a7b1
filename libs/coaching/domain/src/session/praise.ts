/**
 * Specific praise names the behaviour and an example of it; "great job" names neither. v1: the
 * behaviour has at least 3 words and the example at least 5, and neither is only stock phrases.
 */
const STOCK = /\b(good|great|nice|awesome|amazing|excellent|fantastic|super|well|job|work|done|keep|it|up|thanks|thank|you|the|a|an|very|really|so|as|always|usual|perfect|brilliant|wow)\b/g;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
const onlyStock = (text: string) => text.toLowerCase().replace(/[^a-z\s]/g, ' ').replace(STOCK, ' ').trim().length === 0;

export type PraiseProblem = 'behaviour-too-vague' | 'example-too-vague';

export const praiseProblems = (behaviour: string, example: string): PraiseProblem[] => [
  ...(words(behaviour).length < 3 || onlyStock(behaviour) ? (['behaviour-too-vague'] as const) : []),
  ...(words(example).length < 5 || onlyStock(example) ? (['example-too-vague'] as const) : []),
];
