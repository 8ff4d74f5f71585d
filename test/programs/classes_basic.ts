// Classes: fields with and without initialisers, readonly, constructor, methods, this,
// static methods, objects passed and returned by reference, reference identity.
import { i32, i64, f64, bool, print } from "stmc";

class Point {
  x: f64;
  y: f64;

  constructor(x: f64, y: f64) {
    this.x = x;
    this.y = y;
  }

  add(other: Point): Point {
    return new Point(this.x + other.x, this.y + other.y);
  }

  scale(k: f64): void {
    this.x *= k;
    this.y *= k;
  }

  lengthSquared(): f64 {
    return this.x * this.x + this.y * this.y;
  }

  static origin(): Point {
    return new Point(0, 0);
  }

  static distance(a: Point, b: Point): f64 {
    const dx = a.x - b.x;
    const dy = a.y - b.y;
    return Math.sqrt(dx * dx + dy * dy);
  }
}

class Account {
  readonly id: i32;
  readonly owner: i32;
  balance: i64 = 0;
  transactions = 0;
  frozen: bool = false;
  history: i64[] = [];

  constructor(id: i32, owner: i32) {
    this.id = id;
    this.owner = owner;
  }

  deposit(amount: i64): bool {
    if (this.frozen) return false;
    this.balance += amount;
    this.transactions++;
    this.history.push(this.balance);
    return true;
  }

  withdraw(amount: i64): bool {
    if (this.frozen || amount > this.balance) return false;
    this.balance -= amount;
    this.transactions++;
    this.history.push(this.balance);
    return true;
  }

  freeze(): void {
    this.frozen = true;
  }
}

class Empty {}

class Chain {
  value: i32;
  constructor(value: i32) {
    this.value = value;
  }
  bump(): Chain {
    this.value++;
    return this;
  }
}

function move(p: Point): void {
  p.x += 1;
}

export function main(): void {
  const p = new Point(1.5, 2);
  const q = new Point(-0.5, 4);
  const r = p.add(q);
  print("add", r.x, r.y);
  r.scale(2);
  print("scale", r.x, r.y, r.lengthSquared());
  const o = Point.origin();
  print("static", o.x, o.y, Point.distance(new Point(3, 4), o));
  move(p);
  print("by reference", p.x);
  const alias = p;
  alias.y = 10;
  print("alias", p.y, alias === p, p === q, alias !== q);
  const acc = new Account(7, 42);
  print("account", acc.id, acc.owner, acc.balance, acc.transactions, acc.frozen);
  print("ops", acc.deposit(5000000000), acc.withdraw(1000), acc.withdraw(10000000000), acc.deposit(1));
  print("balance", acc.balance, acc.transactions, acc.history.length, acc.history[0], acc.history[2]);
  acc.freeze();
  print("frozen", acc.deposit(1), acc.balance);
  const e1 = new Empty();
  const e2 = new Empty();
  print("empty identity", e1 === e2, e1 === e1);
  const c = new Chain(1);
  c.bump().bump().bump();
  print("chain", c.value);
  let points: Point[] = [];
  for (let i = 0; i < 5; i++) points.push(new Point(i, i * i));
  let sum = Point.origin();
  for (const pt of points) sum = sum.add(pt);
  print("sum", sum.x, sum.y);
}
