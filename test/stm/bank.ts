// Bank transfers with concurrent read-only audits: every audit must see the invariant total,
// the final total is exact, and no transfer is lost (the final balances do not depend on the
// order the transfers commit in).
import { i32, print, transaction } from "stmc";

const ACCOUNTS = 16;
const INITIAL = 1000;
const TRANSFERS = 2000;
const AUDITS = 200;

class Account {
  balance: i32;
  constructor(balance: i32) {
    this.balance = balance;
  }
}

const accounts: Account[] = [];
let auditsDone = 0;

function transfer(seed: i32): void {
  const from = (seed * 7) % ACCOUNTS;
  const to = (seed * 13 + 5) % ACCOUNTS;
  const amount = seed % 50;
  accounts[from].balance -= amount;
  accounts[to].balance += amount;
}

function audit(): void {
  let total = 0;
  for (const account of accounts) total += account.balance;
  if (total !== ACCOUNTS * INITIAL) throw new Error("audit saw a wrong total");
  auditsDone++;
}

export function main(): void {
  for (let i = 0; i < ACCOUNTS; i++) accounts.push(new Account(INITIAL));
  for (let i = 0; i < TRANSFERS; i++) {
    transaction.add(transfer, i);
    if (i % (TRANSFERS / AUDITS) === 0) transaction.add(audit);
  }
  transaction.run();
  let total = 0;
  let checksum = 0;
  for (let i = 0; i < ACCOUNTS; i++) {
    total += accounts[i].balance;
    checksum = (checksum * 31 + accounts[i].balance) % 1000003;
  }
  print("total", total, "checksum", checksum, "audits", auditsDone);
}
