import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, RECORD_SCOPE_KEY } from '@tpm/auth';
import { getMetadataStorage } from 'class-validator';

/** What the OpenAPI generator cannot see on a route, read from the same decorators Nest routes by. */
export interface RouteFacts {
  controller: string;
  handler: string;
  method: string;
  /** `/a/{b}/c`, as the document spells it. */
  path: string;
  public: boolean;
  /** The status a success answers: `@HttpCode`, else Nest's default (201 for POST, 200 otherwise). */
  status: number;
  /** A `@RecordScope` names the record(s) the route is about (an unknown one is a 404). */
  scoped: boolean;
  /** How many routes the controller has (one use case per controller names its operation alone). */
  siblings: number;
  /** Path parameters the handler receives through a whole `@Param()` DTO, with what validates them. */
  pathParams: Record<string, PathParamSchema>;
}

export interface PathParamSchema {
  type: 'string' | 'integer';
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

const asList = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : [typeof p === 'string' ? p : '/']);
const join = (...parts: string[]): string =>
  `/${parts
    .join('/')
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
    .join('/')}`;

interface ArgMetadata {
  index: number;
  data?: unknown;
}

/** The class-validator rules of a `@Param()` DTO, as a path parameter schema per property. */
const schemaOfParamDto = (dto: Type<unknown>): Record<string, PathParamSchema> => {
  const out: Record<string, PathParamSchema> = {};
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const s = (out[m.propertyName] ??= { type: 'string' });
    const name = m.name ?? m.type;
    const [a, b] = (m.constraints ?? []) as unknown[];
    if (name === 'isUuid') s.format = 'uuid';
    else if (name === 'matches' && a instanceof RegExp && !a.flags) s.pattern = a.source;
    else if (name === 'matches' && typeof a === 'string' && !b) s.pattern = a;
    else if (name === 'isLength') Object.assign(s, typeof a === 'number' ? { minLength: a } : {}, typeof b === 'number' ? { maxLength: b } : {});
    else if (name === 'isInt' || name === 'isNumberString') s.type = name === 'isInt' ? 'integer' : 'string';
    else if (name === 'isIso8601' || name === 'isDateString') s.format = 'date-time';
  }
  return out;
};

const routesOf = (controller: Type<unknown>): RouteFacts[] => {
  const proto = controller.prototype as Record<string, unknown>;
  const handlers = Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor' && typeof proto[name] === 'function' && Reflect.getMetadata(PATH_METADATA, proto[name] as object) !== undefined);
  const controllerPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, controller));
  return handlers.flatMap((name) => {
    const handler = proto[name] as object;
    const method = RequestMethod[(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET].toLowerCase();
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, ArgMetadata>;
    const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
    const pathParams: Record<string, PathParamSchema> = {};
    for (const [key, arg] of Object.entries(args)) {
      if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || arg.data !== undefined) continue;
      const dto = types[arg.index];
      if (typeof dto === 'function' && dto !== String && dto !== Object) Object.assign(pathParams, schemaOfParamDto(dto as Type<unknown>));
    }
    return asList(Reflect.getMetadata(PATH_METADATA, controller)).flatMap((base) =>
      asList(Reflect.getMetadata(PATH_METADATA, handler)).map((own) => ({
        controller: controller.name,
        handler: name,
        method,
        path: join(base, own),
        public: controllerPublic || Boolean(Reflect.getMetadata(PUBLIC_KEY, handler)),
        status: (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200),
        scoped: ((Reflect.getMetadata(RECORD_SCOPE_KEY, handler) as unknown[] | undefined) ?? []).length > 0,
        siblings: handlers.length,
        pathParams,
      })),
    );
  });
};

/** Every route of the application, from the controllers its modules declare (no provider is needed). */
export const routeTable = (app: INestApplication): RouteFacts[] => {
  const controllers = new Set<Type<unknown>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) if (wrapper.metatype) controllers.add(wrapper.metatype as Type<unknown>);
  }
  return [...controllers].flatMap(routesOf);
};
