import { DEV_AUDIENCE, DEV_DEFAULT_SECRET, DEV_ISSUER } from './dev-token';

export type AuthConfig =
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string }
  | { mode: 'dev'; secret: string; usesPublicDefault: boolean; issuer: string; audience: string };

export class AuthConfigurationError extends Error {
  override readonly name = 'AuthConfigurationError';
}

/**
 * `AUTH_MODE=jwks`: RS256 tokens of the enterprise identity provider, keys from AUTH_JWKS_URL,
 * AUTH_ISSUER and AUTH_AUDIENCE required. `dev` (the default outside production): HS256 with
 * AUTH_DEV_SECRET or a public development key. Production never falls back to dev: a service
 * without a JWKS URL there refuses to start rather than accept tokens anyone can mint.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const mode = env.AUTH_MODE ?? (production || env.AUTH_JWKS_URL ? 'jwks' : 'dev');
  if (mode !== 'jwks' && mode !== 'dev') throw new AuthConfigurationError(`AUTH_MODE must be jwks or dev, not "${mode}"`);
  if (mode === 'jwks' || production) {
    if (production && mode === 'dev') {
      throw new AuthConfigurationError('AUTH_MODE=dev is refused when NODE_ENV=production: set AUTH_MODE=jwks with AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE');
    }
    const missing = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'].filter((k) => !env[k]);
    if (missing.length) {
      throw new AuthConfigurationError(
        `Authentication is not configured: ${missing.join(', ')} must be set${production ? ' in production (tokens are verified against the identity provider keys)' : ' when AUTH_MODE=jwks'}`,
      );
    }
    let url: URL;
    try {
      url = new URL(env.AUTH_JWKS_URL!);
    } catch {
      throw new AuthConfigurationError(`AUTH_JWKS_URL is not a URL: ${env.AUTH_JWKS_URL}`);
    }
    if (production && url.protocol !== 'https:') throw new AuthConfigurationError('AUTH_JWKS_URL must be https in production');
    return { mode: 'jwks', jwksUrl: url.toString(), issuer: env.AUTH_ISSUER!, audience: env.AUTH_AUDIENCE! };
  }
  const secret = env.AUTH_DEV_SECRET || DEV_DEFAULT_SECRET;
  if (secret.length < 32) throw new AuthConfigurationError('AUTH_DEV_SECRET must be at least 32 characters');
  return { mode: 'dev', secret, usesPublicDefault: !env.AUTH_DEV_SECRET, issuer: env.AUTH_ISSUER ?? DEV_ISSUER, audience: env.AUTH_AUDIENCE ?? DEV_AUDIENCE };
}
