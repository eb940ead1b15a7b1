/** One stream per aggregate; ids are client-chosen or derived from a cause, never from personal data. */
export const engagementStream = (engagementId: string) => `coaching-engagement-${engagementId}`;
export const sessionStream = (sessionId: string) => `coaching-session-${sessionId}`;
export const difficultyStream = (difficultyId: string) => `coaching-difficulty-${difficultyId}`;
export const privateNoteStream = (noteId: string) => `coaching-private-note-${noteId}`;
export const monthlyReviewStream = (reviewId: string) => `coaching-monthly-review-${reviewId}`;
export const improvementPlanStream = (planId: string) => `coaching-improvement-plan-${planId}`;
