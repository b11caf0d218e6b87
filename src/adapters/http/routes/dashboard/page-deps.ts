import type { Ctx } from '../../../../services/context';
import type { WebDeps } from '../../web-deps';

/** What a dashboard page reads through: the use cases (`ctx`) and the read models (`web.reads`). */
export interface PageDeps {
  ctx: Ctx;
  web: WebDeps;
}
