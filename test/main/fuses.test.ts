// electron-builder.yml's Electron fuses. Packaging needs the Electron binary (not here), so the config is checked
// the way electron-builder itself would: read with its YAML parser and validated against its own schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', '..');
// Resolved from electron-builder's own dependency tree, so these are the versions it uses.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const appBuilderLib = fromBuilder.resolve('app-builder-lib');
const fromLib = createRequire(appBuilderLib);
const yaml = fromLib('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = fromLib('./util/config/config.js') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = () => yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

test('electron-builder.yml is valid for electron-builder, and its validator refuses a misspelt fuse', async () => {
  await validateConfiguration(config(), new DebugLogger(false));
  const misspelt = { ...config(), electronFuses: { runAsNodes: false } };
  await assert.rejects(validateConfiguration(misspelt, new DebugLogger(false)), /electronFuses/);
});

test('the packaged app turns off every way in from outside and loads only its checked app.asar', () => {
  assert.deepEqual(config().electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    grantFileProtocolExtraPrivileges: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
  });
  assert.equal(config().asar, true, 'onlyLoadAppFromAsar needs an app.asar');
});

test('nothing in the app needs ELECTRON_RUN_AS_NODE (the runAsNode fuse is off): the engine is a utilityProcess', () => {
  const index = readFileSync(path.join(root, 'main', 'index.ts'), 'utf8');
  assert.match(index, /utilityProcess\.fork\(/);
  assert.doesNotMatch(index, /child_process|ELECTRON_RUN_AS_NODE/);
});
