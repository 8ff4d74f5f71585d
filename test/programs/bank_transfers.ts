// A bank in the style of STM test suites: many transfer tasks between accounts; the total is
// invariant and, since the transfers commute, so is every balance.
import { i32, i64, print, transaction } from "stmc";

class Account {
  balance: i64;
  readonly number: i32;
  transfers = 0;
  constructor(number: i32, balance: i64) {
    this.number = number;
    this.balance = balance;
  }
}

const N = 16;
const accounts: Account[] = [];
let audits = 0;
let auditFailures = 0;

function transfer(from: i32, to: i32, amount: i64): void {
  const a = accounts[from];
  const b = accounts[to];
  a.balance -= amount;
  b.balance += amount;
  a.transfers++;
  b.transfers++;
}

function audit(expected: i64): void {
  let sum: i64 = 0;
  for (const acc of accounts) sum += acc.balance;
  audits++;
  if (sum !== expected) auditFailures++;
}

export function main(): void {
  for (let i = 0; i < N; i++) accounts.push(new Account(i, 1000000000));
  let expected: i64 = 0;
  for (const acc of accounts) expected += acc.balance;
  let seed = 12345;
  for (let t = 0; t < 2000; t++) {
    seed = (seed * 75 + 74) % 65537;
    const from = seed % N;
    const to = i32(seed / N) % N;
    const amount: i64 = seed * 1000;
    transaction.add(transfer, from, to, amount);
    if (t % 100 === 0) transaction.add(audit, expected);
  }
  transaction.run();
  let sum: i64 = 0;
  let moves = 0;
  for (const acc of accounts) {
    sum += acc.balance;
    moves += acc.transfers;
    print("account", acc.number, acc.balance, acc.transfers);
  }
  print("total", sum, expected, sum === expected, "moves", moves, "audits", audits, auditFailures);
}
