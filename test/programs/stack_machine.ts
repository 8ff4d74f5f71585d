// A tiny bytecode interpreter: switch dispatch in a loop, an operand stack, jumps.
import { i32, print } from "stmc";

const PUSH = 0;
const ADD = 1;
const SUB = 2;
const MUL = 3;
const DUP = 4;
const SWAP = 5;
const JNZ = 6;
const PRINT = 7;
const HALT = 8;
const OVER = 9;
const DROP = 10;

class Machine {
  stack: i32[] = [];
  steps = 0;

  pop(): i32 {
    return this.stack.pop()!;
  }

  run(code: i32[]): i32 {
    let pc = 0;
    while (true) {
      this.steps++;
      const op = code[pc++];
      switch (op) {
        case PUSH:
          this.stack.push(code[pc++]);
          break;
        case ADD: {
          const b = this.pop();
          const a = this.pop();
          this.stack.push(a + b);
          break;
        }
        case SUB: {
          const b = this.pop();
          const a = this.pop();
          this.stack.push(a - b);
          break;
        }
        case MUL: {
          const b = this.pop();
          const a = this.pop();
          this.stack.push(a * b);
          break;
        }
        case DUP: {
          const a = this.pop();
          this.stack.push(a);
          this.stack.push(a);
          break;
        }
        case SWAP: {
          const b = this.pop();
          const a = this.pop();
          this.stack.push(b);
          this.stack.push(a);
          break;
        }
        case OVER: {
          const b = this.pop();
          const a = this.pop();
          this.stack.push(a);
          this.stack.push(b);
          this.stack.push(a);
          break;
        }
        case DROP:
          this.pop();
          break;
        case JNZ: {
          const target = code[pc++];
          if (this.pop() !== 0) pc = target;
          break;
        }
        case PRINT:
          print("out", this.stack[this.stack.length - 1]);
          break;
        case HALT:
          return this.stack.length;
        default:
          return -1;
      }
    }
  }
}

export function main(): void {
  const m = new Machine();
  // (2 + 3) * 7
  print("depth", m.run([PUSH, 2, PUSH, 3, ADD, PUSH, 7, MUL, PRINT, HALT]), m.steps);
  // factorial of 10: stack [acc, n]; loop: acc = acc * n, n = n - 1 while n != 0
  const fact: i32[] = [PUSH, 1, PUSH, 10, DUP, JNZ, 8, HALT, SWAP, OVER, MUL, SWAP, PUSH, 1, SUB, DUP, JNZ, 8, DROP, PRINT, HALT];
  const m2 = new Machine();
  print("depth", m2.run(fact), m2.steps);
  // countdown loop: n = 5; do { print n; n = n - 1 } while (n != 0)
  const loop: i32[] = [PUSH, 5, PRINT, PUSH, 1, SUB, DUP, JNZ, 2, HALT];
  const m3 = new Machine();
  print("depth", m3.run(loop), m3.steps);
  // sum 1..100 with a loop: acc n
  const sum: i32[] = [PUSH, 0, PUSH, 100, DUP, JNZ, 8, HALT, SWAP, OVER, ADD, SWAP, PUSH, 1, SUB, DUP, JNZ, 8, DROP, PRINT, HALT];
  const m4 = new Machine();
  print("depth", m4.run(sum), m4.steps);
  print("bad opcode", new Machine().run([42]));
}
