import { isReadableId } from '../api/resourcePaths';

/**
 * The check of a document id typed into *Open Submitted Document*: the SDK's id shape, and never
 * `.` or `..`, which a URL would read as "this folder" or "the folder above" and so send the read
 * to `/v1/documents` or `/v1/`. Plain, for `showInputBox`'s `validateInput`.
 */
export function documentIdInputProblem(value: string): string | undefined {
  return isReadableId(value.trim()) ? undefined : 'A ClinikAPI id: 1–128 letters, digits, "-", "_" or "." (not "." or ".." alone).';
}
