// What the wasm tests (wasm/test/) and the page's end-to-end tests (tests/e2e/) share: where the
// corpus, the CLI and the synthetic-image tool are, the corpus inputs as files on disk named as the
// page names them, and the CLI's --json report of an image run the way the page runs it.
// Not a test file itself (node --test picks up *.test.mjs here, and everything under a test/ folder).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpus = resolve(root, '../shared/corpus');
export const haveCorpus = existsSync(join(corpus, 'expected.json'));
const buildDir = resolve(root, process.env.BUILD_DIR ?? 'build');
export const cliPath = resolve(process.env.MECLEAN_CLI ?? join(buildDir, 'core/cli/meclean'));
export const haveCli = existsSync(cliPath);
export const gen1Tool = join(buildDir, 'tests/meclean_make_gen1_image');
export const sampleTool = join(buildDir, 'tests/meclean_make_sample');
/** Modules installed for the page (playwright-core, ajv) live in web/node_modules. */
export const webRequire = createRequire(join(root, 'web/package.json'));

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * True when `have`; otherwise skips the test `t` with `why`, or fails it when CI is set (a missing
 * corpus, catalogue, CLI or browser must never pass CI as a skip).
 */
export function required(t, have, why) {
  if (have) return true;
  if (process.env.CI) assert.fail(`${why} (required when CI is set)`);
  t.skip(why);
  return false;
}

export const corpusCases = () => JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8'));

/**
 * Every corpus input, once: { input (expected.json's key), name (the file name the page sees),
 * kind: 'full' | 'me', sha256 }. Full images are the assembled recipes (`<id>.bin`), bare ME/TXE
 * images the files of images/ under their own names.
 */
export function corpusInputs() {
  const seen = new Map();
  for (const c of corpusCases()) {
    if (seen.has(c.input)) continue;
    const recipe = c.input.startsWith('recipe:') ? c.input.slice(7) : null;
    seen.set(c.input, { input: c.input, recipe, name: recipe ? `${recipe}.bin` : basename(c.input),
      kind: recipe ? 'full' : 'me', sha256: c.input_sha256 });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

let assembledDir = null;
/**
 * The path of a corpus input on disk. Full images come from the native build's assembled copies
 * (build/corpus-inputs, after ctest's corpus_prepare_inputs) when their SHA-256 matches, else they
 * are assembled once into a temporary folder (all missing recipes in one call).
 */
export function inputPath(item, all = corpusInputs()) {
  if (!item.recipe) return join(corpus, item.input);
  const prepared = join(buildDir, 'corpus-inputs', item.name);
  if (existsSync(prepared) && sha256(readFileSync(prepared)) === item.sha256) return prepared;
  assembledDir ??= mkdtempSync(join(tmpdir(), 'meclean-corpus-'));
  const file = join(assembledDir, item.name);
  if (!existsSync(file)) {
    const missing = all.filter((x) => x.recipe && !existsSync(join(buildDir, 'corpus-inputs', x.name))
      && !existsSync(join(assembledDir, x.name)));
    const ids = (missing.some((x) => x.recipe === item.recipe) ? missing : [item]).flatMap((x) => ['--id', x.recipe]);
    execFileSync('python3', [join(corpus, 'assemble.py'), ...ids, '--out-dir', assembledDir], { stdio: 'ignore' });
  }
  assert.equal(sha256(readFileSync(file)), item.sha256, `${item.name}: assembled image differs from expected.json`);
  return file;
}

/** Removes the temporary folder of assembled images, if any. */
export function cleanupCorpus() {
  if (assembledDir) rmSync(assembledDir, { recursive: true, force: true });
  assembledDir = null;
}

/** The file stem the page uses for output names: `name` without its extension. */
export const stemOf = (name) => name.replace(/\.[^.]*$/, '');

/**
 * The page's options (the report's options object) as meclean CLI flags, with the output names the
 * page uses: `<stem>-meclean.bin`, `<stem>-descriptor.bin`, `<stem>-me.bin`.
 */
export function cliArgs(options, name) {
  const o = options ?? {};
  const stem = stemOf(name);
  const args = [];
  const flag = (key, f) => { if (o[key]) args.push(f); };
  flag('check_only', '-c');
  flag('soft_disable', '-S');
  flag('soft_disable_only', '-s');
  flag('relocate', '-r');
  flag('truncate', '-t');
  flag('keep_modules', '-k');
  if (o.whitelist) args.push('-w', [].concat(o.whitelist).join(','));
  if (o.blacklist) args.push('-b', [].concat(o.blacklist).join(','));
  flag('restrict_me_master', '-d');
  if (o.extract_descriptor) args.push('-D', `${stem}-descriptor.bin`);
  if (o.extract_me) args.push('-M', `${stem}-me.bin`);
  if (o.platform) args.push('--platform', o.platform);
  flag('allow_fdv_override', '--force-fdv');
  if (!o.check_only) args.push('-O', `${stem}-meclean.bin`);
  return args;
}

const run = promisify(execFile);

/**
 * The CLI's `--json` report of the file at `path` with the page's `options`, run in a temporary
 * folder on a link named `name` so that input and output names are the page's own. The CLI exits
 * 1 on a refusal and still prints the report.
 */
export async function cliReport(path, name, options) {
  const dir = mkdtempSync(join(tmpdir(), 'meclean-cli-'));
  try {
    symlinkSync(resolve(path), join(dir, name));
    const args = [...cliArgs(options, name), '--json', name];
    let stdout;
    try {
      ({ stdout } = await run(cliPath, args, { cwd: dir, maxBuffer: 256 << 20 }));
    } catch (err) {
      if (err.code !== 1 || !err.stdout) throw new Error(`meclean ${args.join(' ')}: exit ${err.code}: ${err.stderr}`);
      stdout = err.stdout;
    }
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A synthetic generation-1 full image (ME 5, ICH9 descriptor) written by the native build's tool. */
export function gen1Image(dir) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'synthetic-gen1.bin');
  if (!existsSync(file)) execFileSync(gen1Tool, [file]);
  return file;
}

/** The sample image with a FIT and Boot Guard 1.0 manifests in its BIOS region (the native build's tool). */
export function bootGuardSample(dir) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sample-boot-guard.bin');
  if (!existsSync(file)) execFileSync(sampleTool, [file, '--fit-bg1']);
  return file;
}

/** Paths where two JSON values differ, as "path: a | b" lines (at most `limit`). */
export function jsonDiff(a, b, limit = 20, path = '', out = []) {
  if (out.length >= limit || JSON.stringify(a) === JSON.stringify(b)) return out;
  const objects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!objects) {
    out.push(`${path || '(root)'}: ${JSON.stringify(a)?.slice(0, 160)} | ${JSON.stringify(b)?.slice(0, 160)}`);
    return out;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) jsonDiff(a[k], b[k], limit, `${path}.${k}`, out);
  return out;
}

/**
 * A validator for docs/report.schema.json (draft 2020-12, ajv in strict mode): returns
 * validate(report) → [] or the errors as text lines.
 */
export const reportValidator = () => schemaValidator('docs/report.schema.json');

/** The same for another schema of the repository: 'docs/schema/status.schema.json', .../join..., ... */
export function schemaValidator(path) {
  const Ajv2020 = webRequire('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const check = ajv.compile(JSON.parse(readFileSync(join(root, path), 'utf8')));
  return (report) => (check(report) ? [] : check.errors.slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
}

/**
 * Runs the CLI with `args` (in `cwd`): { code, stdout, stderr }. Exit 1 is an answer (a refusal, reads
 * that differ), not an error; anything else but 0 throws.
 */
export async function cli(args, cwd = root) {
  try {
    const { stdout, stderr } = await run(cliPath, args, { cwd, maxBuffer: 256 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    if (err.code !== 1) throw new Error(`meclean ${args.join(' ')}: exit ${err.code}: ${err.stderr}`);
    return { code: 1, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The published status captures (tests/status/fixtures/*.txt): [{ name, path, text }]. */
export function statusFixtures() {
  const dir = join(root, 'tests/status/fixtures');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The two chip files of the whole two-chip image at `path`, as `meclean split` writes them into
 * `dir`: { chips: [path of chip 1, path of chip 2], split } (split: the CLI's --json answer).
 */
export async function splitChips(path, dir, stem) {
  mkdirSync(dir, { recursive: true });
  const whole = join(dir, `${stem}.bin`);
  if (!existsSync(whole)) symlinkSync(resolve(path), whole);
  const { stdout } = await cli(['split', '--json', `${stem}.bin`], dir);
  const split = JSON.parse(stdout);
  return { chips: split.files.map((f) => join(dir, f.name)), split };
}
