// The base of task records (declared first so that it keeps class id 0, docs/runtime-abi.md).
//
// The compiler generates one subclass per function passed to transaction.add, with a field per
// argument and a `run` method that makes the call. Queued tasks are linked through `next`.
export class Task {
  next: Task | null = null;
  run(): void {}
}
