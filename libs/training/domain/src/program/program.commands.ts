import type { Message } from '@tpm/kernel';
import type { ProgramDefinition } from './program.events';

export type DefineProgram = Message<'DefineProgram', ProgramDefinition & { at: string }>;
export type ReviseProgram = Message<
  'ReviseProgram',
  { programId: string; changes: Partial<Omit<ProgramDefinition, 'programId' | 'businessUnitId'>>; reviewId: string | null; at: string }
>;
export type ProgramCommand = DefineProgram | ReviseProgram;
