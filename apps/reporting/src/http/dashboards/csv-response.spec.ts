import type { Request } from 'express';
import { wantsCsv } from './csv-response';

const req = (accept?: string) => ({ headers: accept ? { accept } : {} }) as unknown as Request;

describe('choosing CSV or JSON for a dashboard answer', () => {
  it('answers CSV for ?format=csv whatever the Accept header says', () => expect(wantsCsv(req('application/json'), 'csv')).toBe(true));
  it('answers JSON for ?format=json even when the client accepts CSV', () => expect(wantsCsv(req('text/csv'), 'json')).toBe(false));
  it('answers CSV for Accept: text/csv', () => expect(wantsCsv(req('text/csv'))).toBe(true));
  it('answers JSON when the client prefers JSON before CSV', () => expect(wantsCsv(req('application/json, text/csv'))).toBe(false));
  it('answers JSON without an Accept header', () => expect(wantsCsv(req())).toBe(false));
});
