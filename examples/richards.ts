// The Richards benchmark: an operating-system task scheduler simulation (Martin Richards),
// after the JavaScript version in V8's / Octane's benchmark suite, written with typed classes.
// Each task kind overrides the virtual method Task.run.
import { i32, print } from "stmc";

/** How many times main runs the whole benchmark (each run checks its result). */
const ITERATIONS = 1;

const COUNT = 1000;
const EXPECTED_QUEUE_COUNT = 2322;
const EXPECTED_HOLD_COUNT = 928;

const ID_IDLE = 0;
const ID_WORKER = 1;
const ID_HANDLER_A = 2;
const ID_HANDLER_B = 3;
const ID_DEVICE_A = 4;
const ID_DEVICE_B = 5;
const NUMBER_OF_IDS = 6;

const KIND_DEVICE = 0;
const KIND_WORK = 1;

const STATE_RUNNING = 0;
const STATE_RUNNABLE = 1;
const STATE_SUSPENDED = 2;
const STATE_HELD = 4;
const STATE_SUSPENDED_RUNNABLE = STATE_SUSPENDED | STATE_RUNNABLE;
const STATE_NOT_HELD = ~STATE_HELD;

const DATA_SIZE = 4;

export class Scheduler {
  queueCount = 0;
  holdCount = 0;
  readonly blocks: (TaskControlBlock | null)[] = new Array<TaskControlBlock | null>(NUMBER_OF_IDS).fill(null);
  list: TaskControlBlock | null = null;
  currentTcb: TaskControlBlock | null = null;
  currentId = 0;

  addIdleTask(id: i32, priority: i32, queue: Packet | null, count: i32): void {
    this.addRunningTask(id, priority, queue, new IdleTask(this, 1, count));
  }

  addWorkerTask(id: i32, priority: i32, queue: Packet | null): void {
    this.addTask(id, priority, queue, new WorkerTask(this, ID_HANDLER_A, 0));
  }

  addHandlerTask(id: i32, priority: i32, queue: Packet | null): void {
    this.addTask(id, priority, queue, new HandlerTask(this));
  }

  addDeviceTask(id: i32, priority: i32, queue: Packet | null): void {
    this.addTask(id, priority, queue, new DeviceTask(this));
  }

  addRunningTask(id: i32, priority: i32, queue: Packet | null, task: Task): void {
    this.addTask(id, priority, queue, task);
    this.currentTcb!.setRunning();
  }

  addTask(id: i32, priority: i32, queue: Packet | null, task: Task): void {
    const tcb = new TaskControlBlock(this.list, id, priority, queue, task);
    this.currentTcb = tcb;
    this.list = tcb;
    this.blocks[id] = tcb;
  }

  schedule(): void {
    this.currentTcb = this.list;
    while (this.step()) {}
  }

  /** One step of the scheduler loop; false once no task is left to run. */
  step(): boolean {
    const tcb = this.currentTcb;
    if (tcb === null) return false;
    if (tcb.isHeldOrSuspended()) {
      this.currentTcb = tcb.link;
    } else {
      this.currentId = tcb.id;
      this.currentTcb = tcb.run();
    }
    return true;
  }

  /** The simulation's result is the classic one (checked after a run of schedule()). */
  check(): void {
    if (this.queueCount !== EXPECTED_QUEUE_COUNT || this.holdCount !== EXPECTED_HOLD_COUNT) {
      throw new Error("Richards: wrong queueCount or holdCount");
    }
  }

  release(id: i32): TaskControlBlock | null {
    const tcb = this.blocks[id];
    if (tcb === null) return tcb;
    tcb.markAsNotHeld();
    const current = this.currentTcb!;
    if (tcb.priority > current.priority) {
      return tcb;
    } else {
      return current;
    }
  }

  holdCurrent(): TaskControlBlock | null {
    this.holdCount++;
    const current = this.currentTcb!;
    current.markAsHeld();
    return current.link;
  }

  suspendCurrent(): TaskControlBlock | null {
    const current = this.currentTcb!;
    current.markAsSuspended();
    return current;
  }

  queue(packet: Packet): TaskControlBlock | null {
    const t = this.blocks[packet.id];
    if (t === null) return t;
    this.queueCount++;
    packet.link = null;
    packet.id = this.currentId;
    return t.checkPriorityAdd(this.currentTcb!, packet);
  }
}

class TaskControlBlock {
  link: TaskControlBlock | null;
  readonly id: i32;
  readonly priority: i32;
  queue: Packet | null;
  readonly task: Task;
  state: i32;

  constructor(link: TaskControlBlock | null, id: i32, priority: i32, queue: Packet | null, task: Task) {
    this.link = link;
    this.id = id;
    this.priority = priority;
    this.queue = queue;
    this.task = task;
    if (queue === null) {
      this.state = STATE_SUSPENDED;
    } else {
      this.state = STATE_SUSPENDED_RUNNABLE;
    }
  }

  setRunning(): void {
    this.state = STATE_RUNNING;
  }

  markAsNotHeld(): void {
    this.state = this.state & STATE_NOT_HELD;
  }

  markAsHeld(): void {
    this.state = this.state | STATE_HELD;
  }

  isHeldOrSuspended(): boolean {
    return (this.state & STATE_HELD) !== 0 || this.state === STATE_SUSPENDED;
  }

  markAsSuspended(): void {
    this.state = this.state | STATE_SUSPENDED;
  }

  markAsRunnable(): void {
    this.state = this.state | STATE_RUNNABLE;
  }

  run(): TaskControlBlock | null {
    let packet: Packet | null = null;
    if (this.state === STATE_SUSPENDED_RUNNABLE) {
      const first = this.queue!;
      packet = first;
      this.queue = first.link;
      if (this.queue === null) {
        this.state = STATE_RUNNING;
      } else {
        this.state = STATE_RUNNABLE;
      }
    }
    return this.task.run(packet);
  }

  checkPriorityAdd(task: TaskControlBlock, packet: Packet): TaskControlBlock {
    if (this.queue === null) {
      this.queue = packet;
      this.markAsRunnable();
      if (this.priority > task.priority) return this;
    } else {
      this.queue = packet.addTo(this.queue);
    }
    return task;
  }
}

/** A task's behaviour; every kind overrides run. */
class Task {
  readonly scheduler: Scheduler;

  constructor(scheduler: Scheduler) {
    this.scheduler = scheduler;
  }

  run(packet: Packet | null): TaskControlBlock | null {
    throw new Error("Task.run must be overridden");
  }
}

class IdleTask extends Task {
  v1: i32;
  count: i32;

  constructor(scheduler: Scheduler, v1: i32, count: i32) {
    super(scheduler);
    this.v1 = v1;
    this.count = count;
  }

  run(packet: Packet | null): TaskControlBlock | null {
    this.count--;
    if (this.count === 0) return this.scheduler.holdCurrent();
    if ((this.v1 & 1) === 0) {
      this.v1 = this.v1 >> 1;
      return this.scheduler.release(ID_DEVICE_A);
    } else {
      this.v1 = (this.v1 >> 1) ^ 0xd008;
      return this.scheduler.release(ID_DEVICE_B);
    }
  }
}

class DeviceTask extends Task {
  v1: Packet | null = null;

  constructor(scheduler: Scheduler) {
    super(scheduler);
  }

  run(packet: Packet | null): TaskControlBlock | null {
    if (packet === null) {
      const v = this.v1;
      if (v === null) return this.scheduler.suspendCurrent();
      this.v1 = null;
      return this.scheduler.queue(v);
    } else {
      this.v1 = packet;
      return this.scheduler.holdCurrent();
    }
  }
}

class WorkerTask extends Task {
  v1: i32;
  v2: i32;

  constructor(scheduler: Scheduler, v1: i32, v2: i32) {
    super(scheduler);
    this.v1 = v1;
    this.v2 = v2;
  }

  run(packet: Packet | null): TaskControlBlock | null {
    if (packet === null) {
      return this.scheduler.suspendCurrent();
    }
    if (this.v1 === ID_HANDLER_A) {
      this.v1 = ID_HANDLER_B;
    } else {
      this.v1 = ID_HANDLER_A;
    }
    packet.id = this.v1;
    packet.a1 = 0;
    for (let i = 0; i < DATA_SIZE; i++) {
      this.v2++;
      if (this.v2 > 26) this.v2 = 1;
      packet.a2[i] = this.v2;
    }
    return this.scheduler.queue(packet);
  }
}

class HandlerTask extends Task {
  v1: Packet | null = null;
  v2: Packet | null = null;

  constructor(scheduler: Scheduler) {
    super(scheduler);
  }

  run(packet: Packet | null): TaskControlBlock | null {
    if (packet !== null) {
      if (packet.kind === KIND_WORK) {
        this.v1 = packet.addTo(this.v1);
      } else {
        this.v2 = packet.addTo(this.v2);
      }
    }
    const work = this.v1;
    if (work !== null) {
      const count = work.a1;
      if (count < DATA_SIZE) {
        const device = this.v2;
        if (device !== null) {
          this.v2 = device.link;
          device.a1 = work.a2[count];
          work.a1 = count + 1;
          return this.scheduler.queue(device);
        }
      } else {
        this.v1 = work.link;
        return this.scheduler.queue(work);
      }
    }
    return this.scheduler.suspendCurrent();
  }
}

class Packet {
  link: Packet | null;
  id: i32;
  readonly kind: i32;
  a1 = 0;
  readonly a2: i32[] = new Array<i32>(DATA_SIZE).fill(0);

  constructor(link: Packet | null, id: i32, kind: i32) {
    this.link = link;
    this.id = id;
    this.kind = kind;
  }

  /** Appends this packet to the end of `queue` and returns the queue's head. */
  addTo(queue: Packet | null): Packet {
    this.link = null;
    if (queue === null) return this;
    let next = queue;
    let peek = next.link;
    while (peek !== null) {
      next = peek;
      peek = next.link;
    }
    next.link = this;
    return queue;
  }
}

/** Runs the benchmark once and returns the scheduler, whose counters were checked. */
export function runRichards(): Scheduler {
  const scheduler = createScheduler();
  scheduler.schedule();
  scheduler.check();
  return scheduler;
}

/** A scheduler with the benchmark's tasks and packets, ready to run. */
export function createScheduler(): Scheduler {
  const scheduler = new Scheduler();
  scheduler.addIdleTask(ID_IDLE, 0, null, COUNT);

  let queue = new Packet(null, ID_WORKER, KIND_WORK);
  queue = new Packet(queue, ID_WORKER, KIND_WORK);
  scheduler.addWorkerTask(ID_WORKER, 1000, queue);

  queue = new Packet(null, ID_DEVICE_A, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_A, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_A, KIND_DEVICE);
  scheduler.addHandlerTask(ID_HANDLER_A, 2000, queue);

  queue = new Packet(null, ID_DEVICE_B, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_B, KIND_DEVICE);
  queue = new Packet(queue, ID_DEVICE_B, KIND_DEVICE);
  scheduler.addHandlerTask(ID_HANDLER_B, 3000, queue);

  scheduler.addDeviceTask(ID_DEVICE_A, 4000, null);
  scheduler.addDeviceTask(ID_DEVICE_B, 5000, null);
  scheduler.currentTcb = scheduler.list;
  return scheduler;
}

export function main(): void {
  let last = runRichards();
  for (let i = 1; i < ITERATIONS; i++) last = runRichards();
  print("richards", ITERATIONS, "iterations: queueCount", last.queueCount, "holdCount", last.holdCount);
}
