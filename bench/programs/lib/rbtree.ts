// A red-black tree from i32 keys to rows (STAMP's rbtree, the tables of vacation): nodes with
// parent links and null leaves, insertion and deletion with the classic recolouring and
// rotation fix-ups. Shared trees are read and written inside transactions, so the code writes
// only what changes: a colour or link is stored only when it differs, which keeps lookups
// read-only and keeps inserts in different subtrees from conflicting on the root. verify()
// checks the red-black invariants and the links, and counts the nodes.
//
// The language has no generics and no downcasts, so the value type is vacation's Row, whose
// subclasses give themselves back through virtual accessors.
import { i32, i64 } from "stmc";
import { Row } from "./vacation";

export class RbNode {
  key: i32;
  value: Row;
  left: RbNode | null = null;
  right: RbNode | null = null;
  parent: RbNode | null;
  red = true;

  constructor(key: i32, value: Row, parent: RbNode | null) {
    this.key = key;
    this.value = value;
    this.parent = parent;
  }
}

function isRed(n: RbNode | null): boolean {
  return n !== null && n.red;
}

function parentOf(n: RbNode | null): RbNode | null {
  return n === null ? null : n.parent;
}

function leftOf(n: RbNode | null): RbNode | null {
  return n === null ? null : n.left;
}

function rightOf(n: RbNode | null): RbNode | null {
  return n === null ? null : n.right;
}

/** Colours n (a null leaf is black already); writes only on a change. */
function paint(n: RbNode | null, red: boolean): void {
  if (n !== null && n.red !== red) n.red = red;
}

export class RbTree {
  root: RbNode | null = null;

  /** The row stored under key, or null. */
  find(key: i32): Row | null {
    let n = this.root;
    while (n !== null) {
      if (key === n.key) return n.value;
      n = key < n.key ? n.left : n.right;
    }
    return null;
  }

  /** Stores value under key; false (and no change) when the key is present. */
  insert(key: i32, value: Row): boolean {
    let n = this.root;
    if (n === null) {
      const node = new RbNode(key, value, null);
      node.red = false;
      this.root = node;
      return true;
    }
    while (true) {
      if (key === n.key) return false;
      if (key < n.key) {
        const l: RbNode | null = n.left;
        if (l === null) {
          const node = new RbNode(key, value, n);
          n.left = node;
          this.fixAfterInsert(node);
          return true;
        }
        n = l;
      } else {
        const r: RbNode | null = n.right;
        if (r === null) {
          const node = new RbNode(key, value, n);
          n.right = node;
          this.fixAfterInsert(node);
          return true;
        }
        n = r;
      }
    }
  }

  /** Removes key; false when it is absent. */
  remove(key: i32): boolean {
    let n = this.root;
    while (n !== null && n.key !== key) n = key < n.key ? n.left : n.right;
    if (n === null) return false;
    this.removeNode(n);
    return true;
  }

  private rotateLeft(p: RbNode): void {
    const r = p.right!;
    const inner = r.left;
    p.right = inner;
    if (inner !== null) inner.parent = p;
    const up = p.parent;
    r.parent = up;
    if (up === null) this.root = r;
    else if (up.left === p) up.left = r;
    else up.right = r;
    r.left = p;
    p.parent = r;
  }

  private rotateRight(p: RbNode): void {
    const l = p.left!;
    const inner = l.right;
    p.left = inner;
    if (inner !== null) inner.parent = p;
    const up = p.parent;
    l.parent = up;
    if (up === null) this.root = l;
    else if (up.right === p) up.right = l;
    else up.left = l;
    l.right = p;
    p.parent = l;
  }

  /** Restores the invariants after the red leaf x was linked in. */
  private fixAfterInsert(node: RbNode): void {
    let x: RbNode | null = node;
    while (x !== null && x !== this.root && isRed(parentOf(x))) {
      const p = parentOf(x);
      const g = parentOf(p);
      if (p === leftOf(g)) {
        const uncle = rightOf(g);
        if (isRed(uncle)) {
          paint(p, false);
          paint(uncle, false);
          paint(g, true);
          x = g;
        } else {
          if (x === rightOf(p)) {
            x = p;
            this.rotateLeft(x!);
          }
          paint(parentOf(x), false);
          paint(parentOf(parentOf(x)), true);
          const top = parentOf(parentOf(x));
          if (top !== null) this.rotateRight(top);
        }
      } else {
        const uncle = leftOf(g);
        if (isRed(uncle)) {
          paint(p, false);
          paint(uncle, false);
          paint(g, true);
          x = g;
        } else {
          if (x === leftOf(p)) {
            x = p;
            this.rotateRight(x!);
          }
          paint(parentOf(x), false);
          paint(parentOf(parentOf(x)), true);
          const top = parentOf(parentOf(x));
          if (top !== null) this.rotateLeft(top);
        }
      }
    }
    paint(this.root, false);
  }

  private removeNode(target: RbNode): void {
    let p = target;
    // A node with two children swaps places (key and row) with its in-order successor.
    if (p.left !== null && p.right !== null) {
      let s = p.right;
      while (s.left !== null) s = s.left;
      p.key = s.key;
      p.value = s.value;
      p = s;
    }
    const replacement = p.left !== null ? p.left : p.right;
    if (replacement !== null) {
      const up = p.parent;
      replacement.parent = up;
      if (up === null) this.root = replacement;
      else if (p === up.left) up.left = replacement;
      else up.right = replacement;
      if (!p.red) this.fixAfterRemove(replacement);
    } else if (p.parent === null) {
      this.root = null;
    } else {
      // A leaf: fix up with it still in place, then unlink it.
      if (!p.red) this.fixAfterRemove(p);
      const up = p.parent;
      if (up !== null) {
        if (p === up.left) up.left = null;
        else if (p === up.right) up.right = null;
      }
    }
  }

  /** Restores the black height after a black node above x was removed. */
  private fixAfterRemove(node: RbNode): void {
    let x: RbNode | null = node;
    while (x !== this.root && !isRed(x)) {
      const p = parentOf(x);
      if (x === leftOf(p)) {
        let sib = rightOf(p);
        if (isRed(sib)) {
          paint(sib, false);
          paint(p, true);
          this.rotateLeft(p!);
          sib = rightOf(parentOf(x));
        }
        if (!isRed(leftOf(sib)) && !isRed(rightOf(sib))) {
          paint(sib, true);
          x = parentOf(x);
        } else {
          if (!isRed(rightOf(sib))) {
            paint(leftOf(sib), false);
            paint(sib, true);
            this.rotateRight(sib!);
            sib = rightOf(parentOf(x));
          }
          paint(sib, isRed(parentOf(x)));
          paint(parentOf(x), false);
          paint(rightOf(sib), false);
          this.rotateLeft(parentOf(x)!);
          x = this.root;
        }
      } else {
        let sib = leftOf(p);
        if (isRed(sib)) {
          paint(sib, false);
          paint(p, true);
          this.rotateRight(p!);
          sib = leftOf(parentOf(x));
        }
        if (!isRed(rightOf(sib)) && !isRed(leftOf(sib))) {
          paint(sib, true);
          x = parentOf(x);
        } else {
          if (!isRed(leftOf(sib))) {
            paint(rightOf(sib), false);
            paint(sib, true);
            this.rotateLeft(sib!);
            sib = leftOf(parentOf(x));
          }
          paint(sib, isRed(parentOf(x)));
          paint(parentOf(x), false);
          paint(leftOf(sib), false);
          this.rotateRight(parentOf(x)!);
          x = this.root;
        }
      }
    }
    paint(x, false);
  }

  /** The rows in key order (appended to out). */
  rows(out: Row[]): void {
    collect(this.root, out);
  }

  /**
   * Checks the tree: keys in order, parent links, a black root, no red node with a red child,
   * the same number of black nodes on every path. Returns the number of nodes.
   */
  verify(): i32 {
    const root = this.root;
    if (root === null) return 0;
    if (root.red) throw new Error("rbtree: the root is red");
    if (root.parent !== null) throw new Error("rbtree: the root has a parent");
    const count: i64[] = [0];
    blackHeight(root, count);
    let previous: RbNode | null = null;
    // In-order walk through the parent links: keys must increase.
    let n: RbNode | null = leftmost(root);
    let seen = 0;
    while (n !== null) {
      if (previous !== null && previous.key >= n.key) throw new Error("rbtree: keys out of order");
      previous = n;
      seen++;
      n = successor(n);
    }
    if (i64(seen) !== count[0]) throw new Error("rbtree: the in-order walk missed nodes");
    return seen;
  }
}

function collect(n: RbNode | null, out: Row[]): void {
  while (n !== null) {
    collect(n.left, out);
    out.push(n.value);
    n = n.right;
  }
}

/** The number of black nodes on every path below n (leaves excluded); counts nodes into count[0]. */
function blackHeight(n: RbNode | null, count: i64[]): i32 {
  if (n === null) return 0;
  count[0]++;
  const l = n.left;
  const r = n.right;
  if (l !== null && l.parent !== n) throw new Error("rbtree: a left child's parent link is wrong");
  if (r !== null && r.parent !== n) throw new Error("rbtree: a right child's parent link is wrong");
  if (n.red && (isRed(l) || isRed(r))) throw new Error("rbtree: a red node has a red child");
  const hl = blackHeight(l, count);
  const hr = blackHeight(r, count);
  if (hl !== hr) throw new Error("rbtree: black heights differ");
  return hl + (n.red ? 0 : 1);
}

function leftmost(n: RbNode): RbNode {
  let m = n;
  while (m.left !== null) m = m.left;
  return m;
}

function successor(n: RbNode): RbNode | null {
  const r = n.right;
  if (r !== null) return leftmost(r);
  let child = n;
  let up = n.parent;
  while (up !== null && child === up.right) {
    child = up;
    up = up.parent;
  }
  return up;
}
