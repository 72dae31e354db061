// A stand-in for the Pulumi engine, built on the SDK's own mock monitor: it records what a program registers
// (inputs as the engine receives them, with secrets still wrapped, and the additionalSecretOutputs option) and
// answers with the state a provider would have returned.
import * as pulumi from '@pulumi/pulumi';

export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  additionalSecretOutputs: string[];
}

// The RPC wire markers for a secret value (@pulumi/pulumi runtime/rpc specialSigKey / specialSecretSig).
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

export function isWireSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === 'object' && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

export async function startMockEngine(
  outputs: (inputs: Record<string, unknown>) => Record<string, unknown>,
): Promise<Registration[]> {
  const registrations: Registration[] = [];
  const pending = new Map<string, string[]>();
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        registrations.push({
          type: args.type,
          name: args.name,
          inputs,
          additionalSecretOutputs: pending.get(args.name) ?? [],
        });
        return { id: `${args.name}-id`, state: { ...inputs, ...outputs(inputs) } };
      },
      call: () => ({}),
    },
    'project',
    'stack',
    false,
  );
  // The mocks interface does not pass resource options on; read them off the register request instead.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    pending.set(req.getName(), req.getAdditionalsecretoutputsList());
    return register(req, callback);
  };
  return registrations;
}

interface RegisterRequest {
  getName(): string;
  getAdditionalsecretoutputsList(): string[];
}

/** The value of an Output, for assertions. */
export function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
