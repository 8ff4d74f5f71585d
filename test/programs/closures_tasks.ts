// Closures as tasks: transaction.add(() => ...) and transaction.add(fnValue, ...args), captured
// cells written by many tasks at once, tasks that add closures, transaction.atomic(fnValue).
import { i32, i64, print, transaction } from "stmc";

class Account {
  balance: i64;
  constructor(balance: i64) {
    this.balance = balance;
  }
}

let doneTasks = 0;

function spawnTree(depth: i32, leaves: i32[]): void {
  if (depth === 0) {
    leaves[0] += 1;
    return;
  }
  transaction.add(() => spawnTree(depth - 1, leaves));
  transaction.add(() => spawnTree(depth - 1, leaves));
}

export function main(): void {
  const accounts: Account[] = [];
  for (let i = 0; i < 16; i++) accounts.push(new Account(1000));

  // A cell shared by every task: each task's increment is one transaction.
  let transfers = 0;
  for (let i = 0; i < 400; i++) {
    const from = accounts[(i * 7) % 16];
    const to = accounts[(i * 11 + 3) % 16];
    transaction.add(() => {
      from.balance -= 5;
      to.balance += 5;
      transfers++;
    });
  }
  transaction.run();
  let total: i64 = 0;
  for (const a of accounts) total += a.balance;
  print("transfers", transfers, "total", total);

  // A function value with arguments.
  const deposit = (a: Account, amount: i64): void => {
    a.balance += amount;
    doneTasks++;
  };
  for (let i = 0; i < 64; i++) transaction.add(deposit, accounts[i % 16], i64(i));
  transaction.run();
  total = 0;
  for (const a of accounts) total += a.balance;
  print("deposits", doneTasks, "total", total);

  // Tasks that add closures: 2^8 leaves.
  const leaves: i32[] = [0];
  transaction.add(() => spawnTree(8, leaves));
  transaction.run();
  print("leaves", leaves[0]);

  // transaction.atomic with a function value and with an arrow.
  let audits = 0;
  const audit = (): void => {
    let sum: i64 = 0;
    for (const a of accounts) sum += a.balance;
    if (sum === total) audits++;
  };
  transaction.atomic(audit);
  transaction.atomic(() => audit());
  print("audits", audits);
}
