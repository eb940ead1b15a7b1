import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { PrivateNoteHandler, privateNoteStream } from '@tpm/coaching-application';
import { AggregateETag, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ReviseNoteRequest, WriteNoteRequest } from '../dto/coaching.dto';
import { AsOfQuery, NoteParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { engagementInBody, noteScope } from '../scope/coaching-units.resolver';

/** A coach's private notes: the author alone reads the text (ADR 0022). */
@ApiTags('coaching: private notes')
@ApiBearerAuth()
@Controller('coaching/private-notes')
export class PrivateNoteCommandsController {
  constructor(private readonly notes: PrivateNoteHandler) {}

  @Post()
  @Roles('coach', 'manager')
  @RecordScope(engagementInBody('own-work'))
  write(@Body() b: WriteNoteRequest, @Ctx() ctx: RequestContext) {
    return this.notes.write(b, ctx);
  }
}

@ApiTags('coaching: private notes')
@ApiBearerAuth()
@Controller('coaching/private-notes')
export class PrivateNoteController {
  constructor(private readonly views: CoachingViews) {}

  @Get(':noteId')
  @Roles('coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(noteScope('read'))
  @AggregateETag((p) => privateNoteStream(p.noteId))
  @ApiOkResponse({ description: 'The note with its text for its author; for anyone else in scope, that it exists and when (text: null)' })
  get(@Param() p: NoteParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.views.privateNote(p.noteId, caller, q.asOf);
  }
}

@ApiTags('coaching: private notes')
@ApiBearerAuth()
@Controller('coaching/private-notes/:noteId')
export class PrivateNoteRevisionsController {
  constructor(
    private readonly notes: PrivateNoteHandler,
    private readonly views: CoachingViews,
  ) {}

  @Post('revisions')
  @HttpCode(200)
  @Roles('coach', 'manager')
  @RecordScope(noteScope('own-work'))
  async revise(@Param() p: NoteParam, @Body() b: ReviseNoteRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.views.assertNoteAuthor(p.noteId, caller);
    return this.notes.revise(p.noteId, b.text, ctx);
  }
}
