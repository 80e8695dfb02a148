/**
 * What a respondent's answers are, as data: the one vocabulary the pages, the services,
 * the file formats and the analysis share. A value is a number (scales, grades, numbers)
 * or a string (an option value, a team id from a form, free text); an item without an
 * answer has no key. The analysis reads "no answer" as a missing key or null
 * (`ZAnswerValue.nullable()` there).
 */
import { z } from 'zod';

export const ZAnswerValue = z.union([z.number(), z.string()]);
export type TAnswerValue = z.infer<typeof ZAnswerValue>;

/** Answers by item id. */
export const ZAnswers = z.record(z.string(), ZAnswerValue);
export type TAnswers = z.infer<typeof ZAnswers>;

/** A response is `partial` while the respondent fills it in, `complete` once sent (exactly once). */
export const ZResponseStatus = z.enum(['partial', 'complete']);
export type TResponseStatus = z.infer<typeof ZResponseStatus>;
