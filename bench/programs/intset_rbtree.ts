// intset_rbtree: the integer-set microbenchmark of the STM literature (the red-black tree variant
// of the intset benchmark of DSTM, TL2 and TinySTM) on one shared red-black tree with parent
// pointers. The tree is prefilled to half the key range; workers then run 80% lookups, 10%
// inserts and 10% deletes, one operation per transaction (see lib/intset.ts: a worker is a chain
// of tasks, and worker w owns the keys k with k % workers == w, so the result does not depend on
// the schedule while all workers share the one tree: a lookup reads the path from the root, and
// the recolourings and rotations of an update write nodes on other workers' paths).
// No shared sentinel node and no size field (both would make every update conflict), and the
// root is recoloured only when it is red.
// Checks: binary-search-tree order, parent pointers, black root, no red node with a red child,
// the same number of black nodes on every path; the keys, the counts and the final size equal a
// sequential replay's, and final size = initial + inserts - deletes.
import { i32, print } from "stmc";
import { IntSet, runIntset } from "./lib/intset";

class RBNode {
  key: i32;
  red = true;
  left: RBNode | null = null;
  right: RBNode | null = null;
  parent: RBNode | null;

  constructor(key: i32, parent: RBNode | null) {
    this.key = key;
    this.parent = parent;
  }
}

function isRed(node: RBNode | null): boolean {
  return node !== null && node.red;
}

/** Colours a node black, writing it only when it is red. */
function blacken(node: RBNode | null): void {
  if (node !== null && node.red) node.red = false;
}

class RBTreeSet extends IntSet {
  root: RBNode | null = null;

  find(key: i32): RBNode | null {
    let node = this.root;
    while (node !== null) {
      if (key < node.key) {
        node = node.left;
      } else if (key > node.key) {
        node = node.right;
      } else {
        return node;
      }
    }
    return null;
  }

  contains(key: i32): boolean {
    return this.find(key) !== null;
  }

  /** Puts `child` where `node` hung from its parent (or at the root). */
  replaceChild(node: RBNode, child: RBNode | null): void {
    const parent = node.parent;
    if (child !== null) child.parent = parent;
    if (parent === null) {
      this.root = child;
    } else if (parent.left === node) {
      parent.left = child;
    } else {
      parent.right = child;
    }
  }

  rotateLeft(x: RBNode): void {
    const y = x.right!;
    const middle = y.left;
    x.right = middle;
    if (middle !== null) middle.parent = x;
    this.replaceChild(x, y);
    y.left = x;
    x.parent = y;
  }

  rotateRight(x: RBNode): void {
    const y = x.left!;
    const middle = y.right;
    x.left = middle;
    if (middle !== null) middle.parent = x;
    this.replaceChild(x, y);
    y.right = x;
    x.parent = y;
  }

  insert(key: i32): boolean {
    let parent: RBNode | null = null;
    let node = this.root;
    while (node !== null) {
      parent = node;
      if (key < node.key) {
        node = node.left;
      } else if (key > node.key) {
        node = node.right;
      } else {
        return false;
      }
    }
    const added = new RBNode(key, parent);
    if (parent === null) {
      this.root = added;
    } else if (key < parent.key) {
      parent.left = added;
    } else {
      parent.right = added;
    }
    this.repairAfterInsert(added);
    return true;
  }

  /** Restores the red-black rules after `x` (red) was attached as a leaf. */
  repairAfterInsert(added: RBNode): void {
    let x = added;
    while (true) {
      const p = x.parent;
      if (p === null || !p.red) break;
      // p is red, so it is not the root: the grandparent exists.
      const g = p.parent!;
      if (p === g.left) {
        const uncle = g.right;
        if (uncle !== null && uncle.red) {
          p.red = false;
          uncle.red = false;
          g.red = true;
          x = g;
        } else {
          let top = p;
          if (x === p.right) {
            this.rotateLeft(p);
            top = x;
          }
          top.red = false;
          g.red = true;
          this.rotateRight(g);
          break;
        }
      } else {
        const uncle = g.left;
        if (uncle !== null && uncle.red) {
          p.red = false;
          uncle.red = false;
          g.red = true;
          x = g;
        } else {
          let top = p;
          if (x === p.left) {
            this.rotateRight(p);
            top = x;
          }
          top.red = false;
          g.red = true;
          this.rotateLeft(g);
          break;
        }
      }
    }
    blacken(this.root);
  }

  remove(key: i32): boolean {
    let z = this.find(key);
    if (z === null) return false;
    const zl = z.left;
    const zr = z.right;
    if (zl !== null && zr !== null) {
      // Two children: take the successor's key and remove the successor (at most one child).
      let s = zr;
      let next = s.left;
      while (next !== null) {
        s = next;
        next = s.left;
      }
      z.key = s.key;
      z = s;
    }
    const child = z.left !== null ? z.left : z.right;
    if (child !== null) {
      // z is black with one red child: splice z out and colour the child black.
      this.replaceChild(z, child);
      if (!z.red) this.repairAfterRemove(child);
    } else if (z.parent === null) {
      this.root = null;
    } else {
      // A leaf: rebalance with z standing in for the missing black leaf, then unlink it.
      if (!z.red) this.repairAfterRemove(z);
      this.replaceChild(z, null);
    }
    return true;
  }

  /** `start` carries an extra black (its subtree is one black short): push it up or absorb it. */
  repairAfterRemove(start: RBNode): void {
    let x = start;
    while (x !== this.root && !x.red) {
      const p = x.parent!;
      if (x === p.left) {
        let s = p.right!;
        if (s.red) {
          s.red = false;
          p.red = true;
          this.rotateLeft(p);
          s = p.right!;
        }
        if (!isRed(s.left) && !isRed(s.right)) {
          s.red = true;
          x = p;
        } else {
          if (!isRed(s.right)) {
            blacken(s.left);
            s.red = true;
            this.rotateRight(s);
            s = p.right!;
          }
          if (s.red !== p.red) s.red = p.red;
          blacken(p);
          blacken(s.right);
          this.rotateLeft(p);
          break;
        }
      } else {
        let s = p.left!;
        if (s.red) {
          s.red = false;
          p.red = true;
          this.rotateRight(p);
          s = p.left!;
        }
        if (!isRed(s.left) && !isRed(s.right)) {
          s.red = true;
          x = p;
        } else {
          if (!isRed(s.left)) {
            blacken(s.right);
            s.red = true;
            this.rotateLeft(s);
            s = p.left!;
          }
          if (s.red !== p.red) s.red = p.red;
          blacken(p);
          blacken(s.left);
          this.rotateRight(p);
          break;
        }
      }
    }
    blacken(x);
    blacken(this.root);
  }

  verify(present: boolean[]): i32 {
    const root = this.root;
    if (root === null) return 0;
    if (root.parent !== null) throw new Error("intset_rbtree: the root has a parent");
    if (root.red) throw new Error("intset_rbtree: red root");
    checked = 0;
    verifySubtree(root, -1, present.length, present);
    return checked;
  }
}

let checked = 0;

/** Checks the subtree (keys strictly between lo and hi) and returns its black height. */
function verifySubtree(node: RBNode | null, lo: i32, hi: i32, present: boolean[]): i32 {
  if (node === null) return 1;
  const key = node.key;
  if (key <= lo || key >= hi) throw new Error("intset_rbtree: search-tree order broken");
  if (present[key]) throw new Error("intset_rbtree: key held twice");
  present[key] = true;
  checked++;
  const l = node.left;
  const r = node.right;
  if (l !== null && l.parent !== node) throw new Error("intset_rbtree: wrong parent pointer");
  if (r !== null && r.parent !== node) throw new Error("intset_rbtree: wrong parent pointer");
  if (node.red && (isRed(l) || isRed(r))) throw new Error("intset_rbtree: red node with a red child");
  const lh = verifySubtree(l, lo, key, present);
  const rh = verifySubtree(r, key, hi, present);
  if (lh !== rh) throw new Error("intset_rbtree: black heights differ");
  return node.red ? lh : lh + 1;
}

// size: 0 small, 1 medium, 2 large
const RANGES: i32[] = [4096, 16384, 65536];
const OPS_PER_WORKER: i32[] = [28000, 150000, 700000];
const WORKERS = 16;

export function run(size: i32): void {
  print("intset_rbtree: red-black tree");
  runIntset(new RBTreeSet(), RANGES[size], WORKERS, OPS_PER_WORKER[size]);
}

export function main(): void {
  run(0);
}
