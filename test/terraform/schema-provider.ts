/**
 * A Terraform provider that only knows its schema: enough for `terraform validate`, which checks a
 * configuration against the provider's schema (required and unknown attributes, types, blocks,
 * references) and asks the provider to validate what it will accept. It speaks Terraform's plugin
 * protocol 5 (tfplugin5 over gRPC, @grpc/grpc-js) on a Unix socket, and Terraform reaches it through
 * `TF_REATTACH_PROVIDERS`, as provider developers debug theirs: nothing is downloaded.
 *
 * The schema is the tencentcloud provider's (test/fixtures/terraform), in Terraform's JSON notation.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const FIXTURES = fileURLToPath(new URL('../fixtures/terraform/', import.meta.url));
export const PROVIDER_ADDRESS = 'registry.terraform.io/tencentcloudstack/tencentcloud';

interface JsonAttribute {
  name: string;
  type: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}
interface JsonBlock {
  attributes?: JsonAttribute[];
  block_types?: {
    type_name: string;
    block: JsonBlock;
    nesting: number;
    min_items?: number;
    max_items?: number;
  }[];
}
interface JsonSchema {
  provider: JsonBlock;
  resources: Record<string, JsonBlock>;
}

/** A block of the JSON schema as the protocol's Schema.Block (an attribute's type is its JSON, as bytes). */
function protocolBlock(block: JsonBlock): object {
  return {
    version: 0,
    attributes: (block.attributes ?? []).map((a) => ({
      name: a.name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: a.required ?? false,
      optional: a.optional ?? false,
      computed: a.computed ?? false,
      sensitive: a.sensitive ?? false,
    })),
    block_types: (block.block_types ?? []).map((b) => ({
      type_name: b.type_name,
      block: protocolBlock(b.block),
      nesting: b.nesting,
      min_items: b.min_items ?? 0,
      max_items: b.max_items ?? 0,
    })),
  };
}

export function readProviderSchema(): JsonSchema {
  return JSON.parse(readFileSync(join(FIXTURES, 'tencentcloud-provider-schema.json'), 'utf8')) as JsonSchema;
}

export interface SchemaProvider {
  /** The value of `TF_REATTACH_PROVIDERS` that points Terraform at this server. */
  readonly reattach: string;
  /** Resource types Terraform asked to validate, in order. */
  readonly validated: string[];
  close(): Promise<void>;
}

export async function startSchemaProvider(
  schema: JsonSchema = readProviderSchema(),
): Promise<SchemaProvider> {
  const definition = protoLoader.loadSync(join(FIXTURES, 'tfplugin5.8.proto'), {
    keepCase: true,
    longs: Number,
    enums: Number,
    defaults: true,
  });
  const proto = grpc.loadPackageDefinition(definition) as unknown as {
    tfplugin5: { Provider: { service: grpc.ServiceDefinition } };
  };
  const response = {
    provider: { version: 0, block: protocolBlock(schema.provider) },
    resource_schemas: Object.fromEntries(
      Object.entries(schema.resources).map(([type, block]) => [
        type,
        { version: 0, block: protocolBlock(block) },
      ]),
    ),
    data_source_schemas: {},
    diagnostics: [],
  };
  const validated: string[] = [];
  type Call = grpc.ServerUnaryCall<Record<string, unknown>, unknown>;
  type Callback = grpc.sendUnaryData<unknown>;
  const server = new grpc.Server();
  // Every other method answers UNIMPLEMENTED, which `validate` never needs.
  server.addService(proto.tfplugin5.Provider.service, {
    GetSchema: (_call: Call, done: Callback) => done(null, response),
    PrepareProviderConfig: (call: Call, done: Callback) =>
      done(null, { prepared_config: call.request.config, diagnostics: [] }),
    ValidateResourceTypeConfig: (call: Call, done: Callback) => {
      validated.push(String(call.request.type_name));
      done(null, { diagnostics: [] });
    },
    ValidateDataSourceConfig: (_call: Call, done: Callback) => done(null, { diagnostics: [] }),
    Stop: (_call: Call, done: Callback) => done(null, { Error: '' }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-tfprovider-'));
  const socket = join(dir, 'provider.sock');
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix://${socket}`, grpc.ServerCredentials.createInsecure(), (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  const reattach = JSON.stringify({
    [PROVIDER_ADDRESS]: {
      Protocol: 'grpc',
      ProtocolVersion: 5,
      Pid: process.pid,
      Test: true,
      Addr: { Network: 'unix', String: socket },
    },
  });
  return {
    reattach,
    validated,
    close: () =>
      new Promise<void>((resolve) =>
        server.tryShutdown(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
