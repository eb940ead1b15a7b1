import type { Request, Response } from 'express';
import { sendCsv, wantsCsv } from './csv-response';

/** Roles that read aggregates of their units: the dashboards' readers (auditors read-only, as everywhere). */
export const DASHBOARD_READERS = ['analyst', 'executive', 'hr', 'manager', 'admin', 'auditor'] as const;

/** JSON, or the same figures as CSV rows when asked (`?format=csv`, `Accept: text/csv`). */
export async function answer<T>(req: Request, res: Response, format: string | undefined, name: string, body: T, rows: (body: T) => Record<string, unknown>[]) {
  if (wantsCsv(req, format)) return sendCsv(res, name, rows(body));
  res.status(200).json(body);
}
