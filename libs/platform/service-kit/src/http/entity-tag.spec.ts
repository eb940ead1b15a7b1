import 'reflect-metadata';
import { Controller, Get, Post } from '@nestjs/common';
import { entityTag } from '@tpm/event-store';
import { AggregateETag, parseIfMatch, resourceFor } from './entity-tag';

@Controller('widgets')
class WidgetController {
  @Get(':widgetId')
  @AggregateETag((p) => `widget-${p.widgetId}`)
  get() {
    return {};
  }
  @Get(':widgetId/parts/:partId')
  @AggregateETag((p) => `part-${p.widgetId}-${p.partId}`)
  part() {
    return {};
  }
}

@Controller('widgets/:widgetId')
class RepaintWidgetController {
  @Post('paint')
  paint() {
    return {};
  }
  @Post('parts/:partId/polish')
  polish() {
    return {};
  }
}

@Controller('gadgets')
class GadgetController {
  @Post()
  @AggregateETag((p) => `gadget-${p.gadgetId}`)
  create() {
    return {};
  }
}

describe('entity tags', () => {
  it('name the stream by a hash and the version, so a tag of one record never fits another', () => {
    expect(entityTag('widget-1', 3)).toMatch(/^"[0-9a-f]{16}:3"$/);
    expect(entityTag('widget-1', 3)).not.toBe(entityTag('widget-2', 3));
    expect(entityTag('widget-1', 3)).not.toBe(entityTag('widget-1', 4));
  });

  it('parse If-Match as *, one tag or a list, keeping weak tags apart (they never match)', () => {
    expect(parseIfMatch('*')).toBe('*');
    expect(parseIfMatch(' "abc:1" ')).toEqual(['"abc:1"']);
    expect(parseIfMatch('"a:1", W/"b:2","c:3"')).toEqual(['"a:1"', 'W/"b:2"', '"c:3"']);
  });

  it('refuse a malformed If-Match with a 400 naming the header', () => {
    for (const bad of ['abc', '"unterminated', '"a" "b"', '', ',']) {
      expect(() => parseIfMatch(bad)).toThrow(expect.objectContaining({ response: expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'If-Match' })] }) }));
    }
  });

  it('bind a declared GET to its stream and a write under its path to the same stream, the longest path winning', () => {
    void WidgetController;
    void RepaintWidgetController;
    void GadgetController;
    expect(resourceFor('GET', '/widgets/:widgetId')).toMatchObject({ read: true });
    const paint = resourceFor('POST', '/widgets/:widgetId/paint');
    expect(paint).toMatchObject({ read: false });
    expect(paint?.stream({ widgetId: 'W1' })).toBe('widget-W1');
    expect(resourceFor('POST', '/widgets/:widgetId/parts/:partId/polish')?.stream({ widgetId: 'W1', partId: 'P' })).toBe('part-W1-P');
  });

  it('bind nothing to an undeclared GET, to a write outside any declared path, or to a look-alike prefix', () => {
    expect(resourceFor('GET', '/widgets/:widgetId/history')).toBeNull();
    expect(resourceFor('POST', '/widgets')).toBeNull();
    expect(resourceFor('POST', '/widgets/:widgetIdentity')).toBeNull();
  });

  it('let a write route declare its stream itself', () => {
    expect(resourceFor('POST', '/gadgets')?.stream({ gadgetId: 'G' })).toBe('gadget-G');
  });
});
