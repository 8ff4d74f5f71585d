// Sorting for the collector (the world stopped): addresses, and (start, end) pairs by start.
import { i32 } from "stmc";
import { usize, load_usize, store_usize } from "stmc:low";

/** Heap sort of `n` addresses at `a` (8 bytes each): O(n log n), in place (the running transactions' logged addresses run to 10^5). */
export function sort_addresses(a: usize, n: i32): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) sift_down(a, i, n);
  for (let end = n - 1; end > 0; end--) {
    const top = load_usize(a);
    store_usize(a, load_usize(a + usize(end) * 8));
    store_usize(a + usize(end) * 8, top);
    sift_down(a, 0, end);
  }
}

function sift_down(a: usize, start: i32, n: i32): void {
  let root = start;
  const value = load_usize(a + usize(root) * 8);
  for (;;) {
    let child = root * 2 + 1;
    if (child >= n) break;
    if (child + 1 < n && load_usize(a + usize(child + 1) * 8) > load_usize(a + usize(child) * 8)) child++;
    if (load_usize(a + usize(child) * 8) <= value) break;
    store_usize(a + usize(root) * 8, load_usize(a + usize(child) * 8));
    root = child;
  }
  store_usize(a + usize(root) * 8, value);
}

/** Shell sort of `n` (start, end) pairs at `a` (16 bytes each) by start: they are few (a region or a transaction's range per chunk). */
export function sort_pairs(a: usize, n: i32): void {
  for (let gap = n >> 1; gap > 0; gap = gap >> 1) {
    for (let i = gap; i < n; i++) {
      const start = load_usize(a + usize(i) * 16);
      const end = load_usize(a + usize(i) * 16 + 8);
      let j = i;
      while (j >= gap && load_usize(a + usize(j - gap) * 16) > start) {
        store_usize(a + usize(j) * 16, load_usize(a + usize(j - gap) * 16));
        store_usize(a + usize(j) * 16 + 8, load_usize(a + usize(j - gap) * 16 + 8));
        j -= gap;
      }
      store_usize(a + usize(j) * 16, start);
      store_usize(a + usize(j) * 16 + 8, end);
    }
  }
}
