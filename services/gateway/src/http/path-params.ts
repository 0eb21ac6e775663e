import { AppError } from '@mc/contracts';

/**
 * The path names the resource. The gateway merges the path's parameters into
 * the body it forwards; a body that names a resource of its own (`naming`:
 * every field that can name it, e.g. a dossier's code and its id) must name
 * the same one, or the request is refused rather than acting on either.
 */
export function withPathParams(
  body: Record<string, unknown> | undefined,
  path: Record<string, string>,
  naming: readonly string[] = [],
): Record<string, unknown> {
  const given = body ?? {};
  for (const field of new Set([...Object.keys(path), ...naming])) {
    if (!(field in given)) continue;
    if (path[field] === undefined || String(given[field]) !== path[field]) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Trường "${field}" trong dữ liệu gửi lên không khớp với địa chỉ của yêu cầu. Hãy bỏ trường này hoặc gửi tới đúng địa chỉ.`,
        { field },
      );
    }
  }
  return { ...given, ...path };
}
