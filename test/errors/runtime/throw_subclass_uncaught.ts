// expect: uncaught at the end @ 19
import { i32, print } from "stmc";

class ParseError extends Error {
  constructor(message: string, readonly at: i32) {
    super(message);
  }
}

function rethrow(e: ParseError): void {
  try {
    throw e;
  } finally {
    print("finally ran");
  }
}

export function main(): void {
  const error = new ParseError("uncaught at the end", 3);
  try {
    rethrow(error);
  } catch (e) {
    if (e instanceof ParseError) print("caught once at", e.at);
  }
  rethrow(error);
}
