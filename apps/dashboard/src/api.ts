/// <reference lib="dom" />
/** Calls to the five services through the dashboard's same-origin proxy (`/api/<service>/...`), with the signed-in token. */
export type Service = 'training' | 'performance' | 'coaching' | 'rewards' | 'reporting';

const KEY = 'tpm.dashboard.token';

export interface Session {
  token: string;
  sub: string;
  roles: string[];
  bu: string[];
  emp?: string;
}

export const session = (): Session | null => {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
};
export const signIn = (s: Session) => sessionStorage.setItem(KEY, JSON.stringify(s));
export const signOut = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | undefined | null>;

export const query = (params: Params = {}) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export async function get<T>(service: Service, path: string, params: Params = {}): Promise<T> {
  const s = session();
  const res = await fetch(`/api/${service}${path}${query(params)}`, { headers: { accept: 'application/json', ...(s ? { authorization: `Bearer ${s.token}` } : {}) } });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, body?.code ?? 'ERROR', body?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

/** A CSV export link: the same filters, `format=csv`; the token goes in a header, so it downloads via fetch. */
export async function downloadCsv(service: Service, path: string, params: Params, filename: string): Promise<void> {
  const s = session();
  const res = await fetch(`/api/${service}${path}${query({ ...params, format: 'csv' })}`, { headers: { accept: 'text/csv', ...(s ? { authorization: `Bearer ${s.token}` } : {}) } });
  if (!res.ok) throw new ApiError(res.status, 'EXPORT_FAILED', `Export refused: ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: `${filename}.csv` });
  a.click();
  URL.revokeObjectURL(url);
}
