// `stmc/api`: the package's JavaScript interface in one typed module (docs/embedding.md): the
// compiler (compiler/) and the host that runs compiled modules on worker threads (runtime/host/).
export { compileFile, formatDiagnostics, type CompileOptions, type CompileResult, type Diagnostic } from "../compiler/index.js";
export {
  runModule,
  instantiate,
  ProgramFailedError,
  readModuleMeta,
  readModuleInfo,
  ModuleFormatError,
  formatProgramError,
  memory64Support,
  type RunOptions,
  type RunResult,
  type App,
  type Value,
  type ExportSignature,
  type ValueKind,
  type StmStats,
  type GcStats,
  type ModuleInfo,
  type ModuleMeta,
  type ProgramError,
  type SourceLocation,
} from "../runtime/host/index.js";
export { STM_ALGORITHMS, DEFAULT_STM, MAX_THREADS, type StmAlgorithm } from "../runtime/abi.js";
export type { TargetName } from "../targets/target.js";
