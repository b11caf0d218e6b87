/** A request refused on its headers, before its body is read. */
export interface Refusal {
  status: 400 | 401 | 403 | 413 | 503;
  error: string;
  message: string;
}
