import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// The example workflows are copied into real repositories; an input that action.yml does not declare would
// be ignored by the runner with only a warning, and the recipe would quietly do something else.
const root = new URL('../../', import.meta.url);
const dir = new URL('examples/workflows/', root);
const action = load(readFileSync(new URL('action.yml', root), 'utf8')) as { inputs: Record<string, unknown> };
const declared = new Set(Object.keys(action.inputs));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs: Record<string, { steps: Step[] }>;
}

/** The action's inputs that carry a credential (see action.yml and docs/security.md). */
const CREDENTIAL_INPUTS = ['secret', 'passphrase', 'api-token', 'receipt-key'];

const files = readdirSync(dir).filter((file) => file.endsWith('.yml'));

describe('examples/workflows', () => {
  it('has a recipe for each scenario in docs/action.md', () => {
    expect(files.sort()).toEqual([
      'burn-on-failure.yml',
      'check-if-opened.yml',
      'email-db-password-to-oncall.yml',
      'eu-region.yml',
      'generated-credential-later-step.yml',
      'self-hosted.yml',
      'test-offline.yml',
    ]);
  });

  for (const file of files) {
    describe(file, () => {
      const workflow = load(readFileSync(new URL(file, dir), 'utf8')) as Workflow;
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      const ours = steps.filter((step) => step.uses?.startsWith('ots-handoff/ots-handoff@'));

      it('uses the action', () => {
        expect(ours.length).toBeGreaterThan(0);
      });

      it('passes only inputs that action.yml declares', () => {
        const unknown = ours.flatMap((step) =>
          Object.keys(step.with ?? {}).filter((name) => !declared.has(name)),
        );
        expect(unknown).toEqual([]);
      });

      it('gives exactly one of secret, secret-file or generate when sharing', () => {
        for (const step of ours) {
          const inputs = step.with ?? {};
          if ((inputs.operation ?? 'share') !== 'share') continue;
          const sources = ['secret', 'secret-file', 'generate'].filter((name) => name in inputs);
          expect(sources).toHaveLength(1);
        }
      });

      it('never takes a credential from a workflow_dispatch input (the run page shows inputs in clear)', () => {
        const dispatch = (
          workflow.on as { workflow_dispatch?: { inputs?: Record<string, unknown> } } | undefined
        )?.workflow_dispatch;
        const inputNames = Object.keys(dispatch?.inputs ?? {});
        expect(inputNames.filter((name) => /key|token|secret|pass|password|credential/i.test(name))).toEqual(
          [],
        );
        for (const step of ours) {
          for (const name of CREDENTIAL_INPUTS) {
            const value = String(step.with?.[name] ?? '');
            expect(value, `${name}: ${value}`).not.toMatch(/\b(inputs|github\.event)\./);
          }
        }
      });

      it('asks for no token permissions (the action needs none)', () => {
        expect(workflow.permissions).toEqual({});
      });
    });
  }
});
