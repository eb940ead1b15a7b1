/// <reference lib="dom" />
import { signIn } from '../api';
import { clearUnitCache } from '../filters';
import { el, esc } from '../ui';

const ROLES = ['manager', 'hr', 'executive', 'analyst', 'auditor', 'admin', 'employee'];

/** Development sign-in: the dashboard server mints a development token (refused in production). */
export function signInPage(main: HTMLElement) {
  const form = el(`<form class="signin" data-testid="signin-form">
    <h1>Sign in (development)</h1>
    <p class="muted">Mints a development token, the same kind as <code>npm run token</code>. In production the dashboard takes the organization's token instead.</p>
    <label>Role<select name="role" data-testid="signin-role">${ROLES.map((r) => `<option>${esc(r)}</option>`).join('')}</select></label>
    <label>Business units (comma-separated ids, or * for all)<input name="bu" value="*" data-testid="signin-bu"></label>
    <label>Subject<input name="sub" value="user:dashboard" data-testid="signin-sub"></label>
    <label>Employee id (for an employee's own timeline; optional)<input name="emp" data-testid="signin-emp"></label>
    <button type="submit" data-testid="signin-submit">Sign in</button>
    <p class="error" data-testid="signin-error"></p>
  </form>`);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form as HTMLFormElement);
    const claims = {
      role: String(data.get('role')),
      bu: String(data.get('bu')).split(',').map((s) => s.trim()).filter(Boolean),
      sub: String(data.get('sub')) || 'user:dashboard',
      emp: String(data.get('emp')) || undefined,
    };
    const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) });
    if (!res.ok) {
      form.querySelector('[data-testid=signin-error]')!.textContent = `Sign-in refused: ${res.status} ${await res.text()}`;
      return;
    }
    const { token } = await res.json();
    signIn({ token, sub: claims.sub, roles: [claims.role], bu: claims.bu, emp: claims.emp });
    clearUnitCache();
    location.hash = claims.role === 'auditor' ? '#/audit' : claims.role === 'employee' ? '#/timeline' : '#/org';
  });
  main.replaceChildren(form);
}
