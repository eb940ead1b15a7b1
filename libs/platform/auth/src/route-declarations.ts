import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { describeRule, RECORD_SCOPE_KEY, type ScopeRule } from './scope/record-scope';

export interface DeclaredRoute {
  controller: string;
  method: string;
  path: string;
  /** `public`, or the roles of which one is needed; null when the route declares nothing. */
  access: 'public' | string[] | null;
  /** How the route checks the record it names (`@RecordScope`), one line per rule; empty when it names none. */
  scope: string[];
}

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule> | undefined;

const join = (...parts: (string | string[] | undefined)[]) =>
  '/' +
  parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

/**
 * Every route of a module tree, read from the decorators (no boot, no database), with the access it
 * declares: what the security test enumerates so a route without @Roles/@Public fails the build.
 */
export function declaredRoutes(root: Type<unknown> | DynamicModule): DeclaredRoute[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type<unknown>>();
  const visit = (m: ModuleRef) => {
    if (!m || m instanceof Promise || seen.has(m)) return;
    seen.add(m);
    const cls = 'module' in m ? m.module : (m as Type<unknown>);
    const dyn = 'module' in m ? m : undefined;
    for (const c of [...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, cls) ?? []), ...(dyn?.controllers ?? [])]) controllers.add(c);
    for (const i of [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) ?? []), ...(dyn?.imports ?? [])]) visit(i as ModuleRef);
  };
  visit(root);

  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
      const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as string[] | undefined;
      const scope = ((Reflect.getMetadata(RECORD_SCOPE_KEY, handler) ?? []) as ScopeRule[]).map(describeRule);
      routes.push({ controller: controller.name, method: verb, path: join(base, path), access: isPublic ? 'public' : roles?.length ? roles : null, scope });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
