import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AuthConfigurationError, loadAuthConfig } from './auth.config';
import { DEV_DEFAULT_SECRET, signDevToken } from './dev-token';
import { InvalidToken, TokenVerifier } from './token-verifier';

const dev = new TokenVerifier(loadAuthConfig({ NODE_ENV: 'test' }));

describe('dev-mode token verification', () => {
  it('reads subject, known roles, business units and employee id from a dev token', async () => {
    const token = await signDevToken({ sub: 'E-1', roles: ['manager', 'superuser'], bu: ['BU-7'], emp: 'emp-1' });
    await expect(dev.verify(token)).resolves.toEqual({ subject: 'E-1', roles: ['manager'], businessUnits: ['BU-7'], employeeId: 'emp-1' });
  });

  it('never takes the system role from a token', async () => {
    const token = await signDevToken({ sub: 'x', roles: ['system', 'admin'] });
    expect((await dev.verify(token)).roles).toEqual(['admin']);
  });

  it.each([
    ['expired', () => signDevToken({ sub: 'a', roles: ['hr'] }, { expiresIn: -60 }), 'TOKEN_EXPIRED'],
    ['signed with another key', () => signDevToken({ sub: 'a', roles: ['hr'] }, { secret: 'x'.repeat(40) }), 'TOKEN_INVALID'],
    ['for another audience', () => signDevToken({ sub: 'a', roles: ['hr'] }, { audience: 'elsewhere' }), 'TOKEN_INVALID'],
    ['without roles', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setIssuer('tpm-dev').setAudience('tpm').setExpirationTime('1h').sign(new TextEncoder().encode(DEV_DEFAULT_SECRET)), 'TOKEN_INVALID'],
    ['with a bu that is not an id', () => signDevToken({ sub: 'a', roles: ['hr'], bu: ['a b'] }), 'TOKEN_INVALID'],
  ])('refuses a token %s', async (_, make, code) => {
    await expect(dev.verify(await make())).rejects.toMatchObject({ code });
  });

  it('refuses an unsigned (alg none) token', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none' })}.${b64({ sub: 'a', roles: ['admin'], iss: 'tpm-dev', aud: 'tpm', exp: 9999999999 })}.`;
    await expect(dev.verify(none)).rejects.toBeInstanceOf(InvalidToken);
  });

  it('refuses an RS256 token in dev mode (one algorithm per mode)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'RS256' }).setSubject('a').setIssuer('tpm-dev').setAudience('tpm').setExpirationTime('1h').sign(privateKey);
    await expect(dev.verify(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await exportJWK(privateKey)).toHaveProperty('d');
  });
});

describe('authentication configuration', () => {
  it('refuses to start in production without a JWKS URL', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(AuthConfigurationError);
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE must be set in production/);
  });

  it('refuses dev mode in production even when asked for', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE=dev is refused/);
  });

  it('requires https for the JWKS in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' })).toThrow(/https/);
  });

  it('uses jwks mode with issuer and audience when configured', () => {
    expect(loadAuthConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' })).toEqual({
      mode: 'jwks',
      jwksUrl: 'https://idp/jwks',
      issuer: 'i',
      audience: 'a',
    });
  });

  it('defaults to dev mode with the public key outside production, and says so', () => {
    expect(loadAuthConfig({})).toMatchObject({ mode: 'dev', usesPublicDefault: true });
    expect(() => loadAuthConfig({ AUTH_DEV_SECRET: 'short' })).toThrow(/at least 32/);
  });
});
