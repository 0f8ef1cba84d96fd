// "Did it work?" through the bindings the page's worker uses: status(text, options) and
// statusLayouts() (wasm/bindings.cpp). The wasm answer is the CLI's `meclean status --json` answer,
// byte for byte, for every published capture (tests/status/fixtures), with and without a chosen
// generation, with "no MEI device", and with the generation taken from an open image (the CLI's
// --image); input it cannot read is refused with the CLI's words and the line and column; every
// answer follows docs/schema/status.schema.json. The CLI is MECLEAN_CLI, default
// build/core/cli/meclean (or $BUILD_DIR/core/cli/meclean): required when CI is set.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { moduleFactory } from '../node-module.mjs';
import { cli, cliPath, haveCli, required, root, schemaValidator, statusFixtures } from '../../tests/e2e/support.mjs';

const wasmDir = resolve(process.env.MECLEAN_WASM_DIR ?? join(root, 'build-wasm/wasm'));
const validate = schemaValidator('docs/schema/status.schema.json');
const fixtures = statusFixtures();
const withCli = (t) => required(t, haveCli, `no meclean CLI at ${cliPath}`);

let M;
let sampleImage;
before(async () => {
  M = await (await moduleFactory(wasmDir))();
  const sampler = await (await moduleFactory(wasmDir, 'meclean-sample'))();
  sampleImage = () => sampler.sampleImage();
});

/** The CLI's answer for `text` (through standard input would do too; a file is what people use). */
async function cliStatus(text, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'meclean-status-'));
  try {
    writeFileSync(join(dir, 'paste.txt'), text);
    return await cli(['status', ...args, 'paste.txt'], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function wasmStatus(text, options) {
  const json = M.status(text, options);
  const report = JSON.parse(json);
  assert.deepEqual(validate(report), [], 'the answer does not follow docs/schema/status.schema.json');
  return { json, report };
}

describe('status bindings', () => {
  test('the published captures: at least 15, and each answer is the CLI\'s', async (t) => {
    assert.ok(fixtures.length >= 15, `only ${fixtures.length} fixtures`);
    if (!withCli(t)) return;
    M.close();
    for (const f of fixtures) {
      const { json } = wasmStatus(f.text, {});
      const c = await cliStatus(f.text, ['--json']);
      assert.equal(c.code, 0, `${f.name}: ${c.stderr}`);
      assert.equal(json, c.stdout.trimEnd(), `${f.name}: differs from meclean status --json`);
    }
  });

  test('the generation question: asked when nothing tells, answered by the person\'s choice', async (t) => {
    const withCliHere = withCli(t);
    M.close();
    const layouts = M.statusLayouts();
    assert.deepEqual(layouts.map((l) => l.id), ['me6-10', 'csme11-17', 'csme18+']);
    assert.ok(layouts.every((l) => l.name.length > 3));
    const asking = fixtures.filter((f) => wasmStatus(f.text, {}).report.layout.generation_needed);
    assert.ok(asking.length >= 1, 'no capture leaves the generation open');
    for (const f of asking) {
      for (const { id } of layouts) {
        const { json, report } = wasmStatus(f.text, { generation: id });
        assert.equal(report.layout.generation_needed, false, `${f.name} with ${id}`);
        assert.equal(report.layout.id, id);
        assert.equal(report.layout.basis, 'user');
        if (withCliHere) assert.equal(json, (await cliStatus(f.text, ['--json', '--generation', id])).stdout.trimEnd(), `${f.name} --generation ${id}`);
      }
    }
  });

  test('the open image tells the generation (as --image does); image: false leaves it out', async (t) => {
    const withCliHere = withCli(t);
    const words = fixtures.find((f) => f.name.startsWith('fw_status_'));
    assert.ok(words, 'no fw_status capture');
    const image = sampleImage();
    M.open(image, 'meclean-sample.bin');
    const { json, report } = wasmStatus(words.text, {});
    assert.equal(report.layout.basis, 'image');
    assert.equal(report.layout.generation_needed, false);
    assert.equal(wasmStatus(words.text, { image: false }).report.layout.basis, 'unknown');
    // The person's answer wins over the image.
    assert.equal(wasmStatus(words.text, { generation: 'csme18+' }).report.layout.basis, 'user');
    M.close();
    assert.equal(wasmStatus(words.text, {}).report.layout.basis, 'unknown');
    if (!withCliHere) return;
    const dir = mkdtempSync(join(tmpdir(), 'meclean-status-image-'));
    try {
      writeFileSync(join(dir, 'sample.bin'), image);
      writeFileSync(join(dir, 'paste.txt'), words.text);
      assert.equal(json, (await cli(['status', '--json', '--image', 'sample.bin', 'paste.txt'], dir)).stdout.trimEnd());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no MEI device: said by the person, or in the paste', async (t) => {
    const withCliHere = withCli(t);
    M.close();
    const { json, report } = wasmStatus('', { no_device: true });
    assert.equal(report.verdict, 'no_device');
    // Words together with "no device" contradict each other: refused.
    const both = wasmStatus(fixtures.find((f) => f.name.startsWith('fw_status_')).text, { no_device: true }).report;
    assert.equal(both.verdict, 'refused');
    assert.match(both.error.message, /no MEI device/);
    assert.equal(wasmStatus(fixtures.find((f) => f.name.includes('no_device')).text, {}).report.verdict, 'no_device');
    if (!withCliHere) return;
    const c = await cli(['status', '--json', '--no-device']);
    assert.equal(json, c.stdout.trimEnd());
  });

  test('what it cannot read: refused with the CLI\'s words, the line and the column', async (t) => {
    const withCliHere = withCli(t);
    M.close();
    const cases = [
      ['hello world', 1, 1],
      ['1E000255\n66002306\nzz000200', 3, 1],
      ['ME Status   : 0x1e000255\nME Status 2 : 0xqq', 2, 15],
      ['1E000255 66002306 00000200 00000001 00000000 00000000 00000000', 1, 55],
      ['', 0, 0],
    ];
    for (const [text, line, column] of cases) {
      const { report } = wasmStatus(text, {});
      const what = JSON.stringify(text);
      assert.equal(report.verdict, 'refused', what);
      assert.equal(report.headline.state, 'fail', what);
      assert.equal(report.error.line, line, `${what}: line`);
      if (line) assert.equal(report.error.column, column, `${what}: column`);
      assert.ok(report.error.message.length > 10, what);
      assert.ok(report.headline.detail.includes(report.error.message), what);
      if (!withCliHere) continue;
      const c = await cliStatus(text);
      assert.equal(c.code, 1, what);
      assert.equal(c.stdout, '', what);
      assert.equal(c.stderr, `meclean status: ${report.headline.detail}\n${report.headline.next}\n`, what);
    }
  });

  test('bad arguments are TypeErrors; the module stays usable', () => {
    assert.throws(() => M.status(5, {}), { name: 'TypeError', message: /string/ });
    assert.throws(() => M.status('1E000255', 'x'), { name: 'TypeError', message: /options/ });
    assert.throws(() => M.status('1E000255', { generation: 'me12' }), { name: 'TypeError', message: /me12.*me6-10/ });
    assert.throws(() => M.status('1E000255', { generation: 11 }), { name: 'TypeError', message: /generation/ });
    assert.throws(() => M.status('1E000255', { no_device: 'yes' }), { name: 'TypeError', message: /no_device/ });
    assert.equal(JSON.parse(M.status('1E000255', {})).verdict === 'refused', false);
  });
});
