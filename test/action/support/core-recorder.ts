// One recording stand-in for @actions/core, for the tests that run the action in process: inputs and saved state
// come from the recorder, and every call that reaches the runner (mask, output, state, log, failure) is recorded
// in order, so a test can pin down that a value was masked before it was output or logged. Used from a vi.mock
// factory, which vitest hoists per test file; the recorder itself comes from vi.hoisted in that file.
export interface CoreRecorder {
  calls: Array<{ fn: string; args: unknown[] }>;
  inputs: Record<string, string>;
  state?: Record<string, string>;
}

/** @actions/core with the runner-facing calls recorded; `actual` supplies the rest (e.g. the real summary). */
export function recordingCore(recorder: CoreRecorder, actual: object = { summary: {} }) {
  const record =
    (fn: string) =>
    (...args: unknown[]) => {
      recorder.calls.push({ fn, args });
    };
  return {
    ...actual,
    getInput: (name: string) => recorder.inputs[name] ?? '',
    getState: (name: string) => recorder.state?.[name] ?? '',
    setSecret: record('setSecret'),
    setOutput: record('setOutput'),
    saveState: record('saveState'),
    setFailed: record('setFailed'),
    info: record('info'),
    notice: record('notice'),
    warning: record('warning'),
    error: record('error'),
    debug: record('debug'),
  };
}
