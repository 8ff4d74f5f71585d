// Vacation (STAMP's travel reservation system), shared by vacation_low and vacation_high.
//
// A manager keeps four tables as red-black trees keyed by id (lib/rbtree.ts): cars, flights
// and rooms (each item with a price and used/free/total counts) and customers (each with the
// list of the reservations they hold). Clients run operations, every operation one task and so
// one transaction, generated deterministically from its index (in rounds of ROUND tasks):
//   - make a reservation: query `queries` random items and a customer in 1 .. range, and for
//     each item type reserve the cheapest queried item that has a free unit (STAMP takes the
//     dearest), adding the customer if new;
//   - delete a customer: release everything they hold and remove them;
//   - update the tables: `queries` times, add 100 units to an item (creating it if absent,
//     with a new price) or take 100 free units away (removing the item when none are left).
// Low contention (STAMP's vacation-low): 2 queries over 90% of the ids, 98% reservations.
// High contention (vacation-high, made narrower here): 4 queries over a small id range, 90%
// reservations, 5% deletions, 5% updates.
//
// Which reservation wins a unit depends on the order the operations commit in, so the program
// prints only what does not: the operation counts. It checks, and fails on a violation: the
// red-black invariants of every tree; used + free = total for every item; every reservation a
// customer holds refers to an existing item, and each item's used count equals the number of
// reservations held on it; and the conserved totals, from per-operation deltas that every
// operation records in a slot of its own: units reserved, total capacity, table sizes.
import { i32, i64, print, transaction } from "stmc";
import { RbTree } from "./rbtree";
import { StampRandom } from "./stamp_random";

const CAR = 0;
const FLIGHT = 1;
const ROOM = 2;
const ITEM_TYPES = 3;
/** Units added or taken away by one table update (STAMP's 100). */
const STEP = 100;

/** A table row. The language has no downcasts: a row gives back its own class. */
export class Row {
  asItem(): Item | null {
    return null;
  }
  asCustomer(): Customer | null {
    return null;
  }
}

/** A car, flight or room (STAMP's reservation_t). */
export class Item extends Row {
  readonly id: i32;
  used = 0;
  free: i32;
  total: i32;
  price: i32;

  constructor(id: i32, units: i32, price: i32) {
    super();
    this.id = id;
    this.free = units;
    this.total = units;
    this.price = price;
  }

  asItem(): Item | null {
    return this;
  }
}

/** One unit of an item held by a customer; immutable. */
class Held {
  readonly type: i32;
  readonly id: i32;
  readonly price: i32;
  readonly next: Held | null;

  constructor(type: i32, id: i32, price: i32, next: Held | null) {
    this.type = type;
    this.id = id;
    this.price = price;
    this.next = next;
  }
}

export class Customer extends Row {
  readonly id: i32;
  held: Held | null = null;

  constructor(id: i32) {
    super();
    this.id = id;
  }

  asCustomer(): Customer | null {
    return this;
  }
}

// The manager's tables (written in place by the operations) and the run's parameters.
let items: RbTree[] = [];
let customers = new RbTree();
let queries = 0;
let range = 0;
let percentUser = 0;
let seed = 0;
/**
 * Per-operation deltas of the running round, DELTAS slots each: every operation writes only its
 * own slots (i64, one 8-byte STM stripe each).
 */
const DELTAS = 4;
const D_USED = 0;
const D_CAPACITY = 1;
const D_ITEMS = 2;
const D_CUSTOMERS = 3;
let deltas: i64[] = [];
const ROUND = 16384;

const MAKE_RESERVATION = 0;
const DELETE_CUSTOMER = 1;
const UPDATE_TABLES = 2;

function randomFor(op: i32): StampRandom {
  return new StampRandom(i64(op) * 7919 + seed);
}

/** The kind of operation op (its generator's first draw). */
function kindOf(random: StampRandom): i32 {
  const r = random.below(100);
  if (r < percentUser) return MAKE_RESERVATION;
  if (r < percentUser + i32((100 - percentUser) / 2)) return DELETE_CUSTOMER;
  return UPDATE_TABLES;
}

function itemOf(row: Row | null): Item {
  if (row === null) throw new Error("vacation: a reserved item is missing from its table");
  const item = row.asItem();
  if (item === null) throw new Error("vacation: an item table holds a customer");
  return item;
}

function customerOf(row: Row): Customer {
  const customer = row.asCustomer();
  if (customer === null) throw new Error("vacation: the customer table holds an item");
  return customer;
}

/** Task: operation number op (slot `slot` of the round), one transaction. */
function clientOperation(op: i32, slot: i32): void {
  const random = randomFor(op);
  const kind = kindOf(random);
  if (kind === MAKE_RESERVATION) makeReservation(slot, random);
  else if (kind === DELETE_CUSTOMER) deleteCustomer(slot, random);
  else updateTables(slot, random);
}

function makeReservation(slot: i32, random: StampRandom): void {
  const n = queries;
  const r = range;
  const bestId: i32[] = [0, 0, 0];
  const bestPrice: i32[] = [0, 0, 0];
  for (let q = 0; q < n; q++) {
    const type = random.below(ITEM_TYPES);
    const id = 1 + random.below(r);
    const row = items[type].find(id);
    if (row === null) continue;
    const item = itemOf(row);
    if (item.free > 0 && (bestId[type] === 0 || item.price < bestPrice[type])) {
      bestId[type] = id;
      bestPrice[type] = item.price;
    }
  }
  const customerId = 1 + random.below(r);
  if (bestId[CAR] === 0 && bestId[FLIGHT] === 0 && bestId[ROOM] === 0) return;
  let row = customers.find(customerId);
  if (row === null) {
    row = new Customer(customerId);
    customers.insert(customerId, row);
    deltas[slot * DELTAS + D_CUSTOMERS] = 1;
  }
  const customer = customerOf(row);
  let reserved = 0;
  for (let type = 0; type < ITEM_TYPES; type++) {
    const id = bestId[type];
    if (id === 0) continue;
    const item = itemOf(items[type].find(id));
    item.free--;
    item.used++;
    customer.held = new Held(type, id, item.price, customer.held);
    reserved++;
  }
  deltas[slot * DELTAS + D_USED] = reserved;
}

function deleteCustomer(slot: i32, random: StampRandom): void {
  const customerId = 1 + random.below(range);
  const row = customers.find(customerId);
  if (row === null) return;
  const customer = customerOf(row);
  let released = 0;
  let bill = 0;
  let h = customer.held;
  while (h !== null) {
    const item = itemOf(items[h.type].find(h.id));
    item.free++;
    item.used--;
    bill += h.price;
    released++;
    h = h.next;
  }
  if (bill < 0) throw new Error("vacation: a negative bill");
  customers.remove(customerId);
  deltas[slot * DELTAS + D_USED] = -released;
  deltas[slot * DELTAS + D_CUSTOMERS] = -1;
}

function updateTables(slot: i32, random: StampRandom): void {
  const n = queries;
  const r = range;
  let capacity = 0;
  let count = 0;
  for (let u = 0; u < n; u++) {
    const type = random.below(ITEM_TYPES);
    const id = 1 + random.below(r);
    const add = random.below(2) === 0;
    const price = 50 + 10 * random.below(5);
    const table = items[type];
    const row = table.find(id);
    if (add) {
      if (row === null) {
        table.insert(id, new Item(id, STEP, price));
        count++;
      } else {
        const item = itemOf(row);
        item.free += STEP;
        item.total += STEP;
        item.price = price;
      }
      capacity += STEP;
    } else if (row !== null) {
      const item = itemOf(row);
      if (item.free >= STEP) {
        item.free -= STEP;
        item.total -= STEP;
        capacity -= STEP;
        if (item.total === 0) {
          table.remove(id);
          count--;
        }
      }
    }
  }
  deltas[slot * DELTAS + D_CAPACITY] = capacity;
  deltas[slot * DELTAS + D_ITEMS] = count;
}

/** Builds the tables: `relations` items of each type and as many customers, in shuffled id order. */
function populate(relations: i32, random: StampRandom): i64 {
  items = [];
  for (let t = 0; t < ITEM_TYPES; t++) items.push(new RbTree());
  customers = new RbTree();
  let capacity: i64 = 0;
  for (let t = 0; t <= ITEM_TYPES; t++) {
    const order = new Array<i32>(relations).fill(0);
    for (let i = 0; i < relations; i++) order[i] = i + 1;
    for (let i = relations - 1; i > 0; i--) {
      const j = random.below(i + 1);
      const x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    for (let i = 0; i < relations; i++) {
      const id = order[i];
      if (t === ITEM_TYPES) {
        customers.insert(id, new Customer(id));
      } else {
        const units = STEP * (1 + random.below(5));
        items[t].insert(id, new Item(id, units, 50 + 10 * random.below(5)));
        capacity += units;
      }
    }
  }
  return capacity;
}

/**
 * Runs `operations` client operations on tables of `relations` rows each; every operation
 * queries `queryCount` items among ids 1 .. `queryRange`; `user` percent are reservations.
 */
export function runVacation(relations: i32, operations: i32, queryCount: i32, queryRange: i32, user: i32, runSeed: i32): void {
  queries = queryCount;
  range = queryRange;
  percentUser = user;
  seed = runSeed;
  const initialCapacity = populate(relations, new StampRandom(runSeed));
  deltas = new Array<i64>(ROUND * DELTAS).fill(0);
  const kinds: i32[] = [0, 0, 0];
  let used: i64 = 0;
  let capacity: i64 = initialCapacity;
  let itemCount: i64 = ITEM_TYPES * relations;
  let customerCount: i64 = relations;
  // The operations run in rounds of ROUND tasks, which bounds the task queue and the deltas.
  for (let first = 0; first < operations; first += ROUND) {
    const count = Math.min(ROUND, operations - first);
    deltas.fill(0);
    for (let slot = 0; slot < count; slot++) {
      kinds[kindOf(randomFor(first + slot))]++;
      transaction.add(clientOperation, first + slot, slot);
    }
    transaction.run();
    for (let slot = 0; slot < count; slot++) {
      used += deltas[slot * DELTAS + D_USED];
      capacity += deltas[slot * DELTAS + D_CAPACITY];
      itemCount += deltas[slot * DELTAS + D_ITEMS];
      customerCount += deltas[slot * DELTAS + D_CUSTOMERS];
    }
  }
  verify(used, capacity, itemCount, customerCount);
  print("vacation:", relations, "relations,", operations, "operations:", kinds[MAKE_RESERVATION], "reservations,", kinds[DELETE_CUSTOMER], "customer deletions,", kinds[UPDATE_TABLES], "table updates");
  print("tables verified: 4 red-black trees, used + free = total, held reservations = used units, conserved totals");
}

/** The final tables against each other and against the operations' deltas. */
function verify(expectedUsed: i64, expectedCapacity: i64, expectedItems: i64, expectedCustomers: i64): void {
  let nodes: i64 = 0;
  for (let t = 0; t < ITEM_TYPES; t++) nodes += items[t].verify();
  if (nodes !== expectedItems) throw new Error("vacation: the item tables' sizes do not match the operations");
  if (customers.verify() !== expectedCustomers) throw new Error("vacation: the customer table's size does not match the operations");

  // Units held per item, counted from the customers' lists, indexed by item type and id.
  let maxId = 0;
  const rows: Row[] = [];
  for (let t = 0; t < ITEM_TYPES; t++) items[t].rows(rows);
  for (const row of rows) maxId = Math.max(maxId, itemOf(row).id);
  const held = new Array<i32>(ITEM_TYPES * (maxId + 1)).fill(0);
  const people: Row[] = [];
  customers.rows(people);
  let heldTotal: i64 = 0;
  for (const row of people) {
    let h = customerOf(row).held;
    while (h !== null) {
      if (h.id > maxId) throw new Error("vacation: a customer holds a unit of a missing item");
      held[h.type * (maxId + 1) + h.id]++;
      heldTotal++;
      h = h.next;
    }
  }
  let used: i64 = 0;
  let capacity: i64 = 0;
  for (let t = 0; t < ITEM_TYPES; t++) {
    const list: Row[] = [];
    items[t].rows(list);
    for (const row of list) {
      const item = itemOf(row);
      if (item.used < 0 || item.free < 0) throw new Error("vacation: a negative unit count");
      if (item.used + item.free !== item.total) throw new Error("vacation: used + free != total");
      if (held[t * (maxId + 1) + item.id] !== item.used) throw new Error("vacation: an item's used count differs from the units customers hold");
      held[t * (maxId + 1) + item.id] = -1;
      used += item.used;
      capacity += item.total;
    }
  }
  for (let i = 0; i < held.length; i++) {
    if (held[i] > 0) throw new Error("vacation: a customer holds a unit of a missing item");
  }
  if (used !== heldTotal || used !== expectedUsed) throw new Error("vacation: the units in use do not match the operations");
  if (capacity !== expectedCapacity) throw new Error("vacation: the total capacity does not match the operations");
}
