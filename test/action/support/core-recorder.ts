// One recording stand-in for @actions/core, for the tests that run the action in process: inputs and saved state
// come from the recorder, and every call that reaches the runner (mask, output, state, log, failure) is recorded
// in order, so a test can pin down that a value was masked before it was output or logged. Used from a vi.mock
// factory, which vitest hoists per test file; the recorder itself comes from vi.hoisted in that file.
import { writeFileSync } from 'node:fs';
import { beforeEach, vi } from 'vitest';

export interface CoreRecorder {
  calls: Array<{ fn: string; args: unknown[] }>;
  inputs: Record<string, string>;
  state?: Record<string, string>;
}

/**
 * Registers what every in-process action test starts from: an empty recorder, fresh modules (the action reads its
 * inputs when main.ts is imported), a push event (the suite itself may run inside GitHub Actions), and a summary
 * file emptied for the test, or none. @actions/core's summary remembers the first path it wrote to, so a file
 * keeps one path for the whole test file.
 */
export function resetBeforeEach(recorder: CoreRecorder, summaryFile = ''): void {
  beforeEach(() => {
    recorder.calls.length = 0;
    recorder.inputs = {};
    recorder.state = {};
    if (summaryFile !== '') writeFileSync(summaryFile, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
    vi.stubEnv('GITHUB_EVENT_NAME', 'push');
    vi.resetModules();
  });
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
