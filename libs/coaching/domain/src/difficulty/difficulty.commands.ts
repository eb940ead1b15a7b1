import type { Message } from '@tpm/kernel';
import type { DifficultyReported } from './difficulty.events';

export type ReportDifficulty = Message<'ReportDifficulty', DifficultyReported['data']>;
export type AssignObstacleRequest = Message<'AssignObstacleRequest', { assigneeId: string; at: string }>;
export type ResolveDifficulty = Message<'ResolveDifficulty', { resolution: string; by: string; at: string }>;

export type DifficultyCommand = ReportDifficulty | AssignObstacleRequest | ResolveDifficulty;
