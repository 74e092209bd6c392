/** One page of a list, as the API returns it. */
export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  hasNext: boolean;
}
