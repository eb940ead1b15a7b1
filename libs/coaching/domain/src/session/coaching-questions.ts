/** The nine coaching questions a 1:1 can walk, in the order a coach asks them. */
export const COACHING_QUESTIONS = [
  'progress',
  'going-well',
  'to-improve',
  'on-track',
  'what-changes',
  'manager-support',
  'adjust-goals',
  'agreed',
  'more-communication',
] as const;
export type CoachingQuestion = (typeof COACHING_QUESTIONS)[number];

export const COACHING_QUESTION_TEXT: Record<CoachingQuestion, string> = {
  progress: 'What progress has been made?',
  'going-well': 'What is going well?',
  'to-improve': 'What could be improved?',
  'on-track': 'Are you on track to reach the goals?',
  'what-changes': 'What has changed, and what must change?',
  'manager-support': 'What must the manager provide?',
  'adjust-goals': 'Do the goals need adjusting?',
  agreed: 'What have we agreed?',
  'more-communication': 'What needs more communication?',
};
