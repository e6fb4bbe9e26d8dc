// Generates src/gen/ (the TypeScript of sslstore.connector.v1 and of the
// google.rpc protos its errors carry) with `buf generate` and the
// repository's proto/buf.gen.typescript.yaml, whose plugin is protoc-gen-es
// from this package's node_modules. Build time only: the package reads no
// proto at run time. buf writes into a scratch directory; only its
// typescript/ output is kept.
//
//   node scripts/generate.mjs      (npm run generate; npm pack runs it)
//
// Environment: SSLSTORE_PROTO_DIR, the repository's proto/ (default:
// ../../../proto from this package); BUF, the buf executable (default: buf
// on PATH, from npm @bufbuild/buf).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const protoDir = resolve(
  process.env.SSLSTORE_PROTO_DIR ?? join(packageDir, "..", "..", "..", "proto"),
);
const template = join(protoDir, "buf.gen.typescript.yaml");
if (!existsSync(template)) {
  console.error(`generate: ${template} not found (set SSLSTORE_PROTO_DIR)`);
  process.exit(1);
}
const plugin = join(packageDir, "node_modules", ".bin", "protoc-gen-es");
if (!existsSync(plugin)) {
  console.error(`generate: ${plugin} not found (run npm ci first)`);
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), "sslstore-ts-gen-"));
try {
  const buf = process.env.BUF ?? "buf";
  const result = spawnSync(
    buf,
    ["generate", "--template", "buf.gen.typescript.yaml", "-o", out],
    {
      cwd: protoDir,
      stdio: "inherit",
      // protoc-gen-es is a local plugin: this package's copy comes first.
      env: {
        ...process.env,
        PATH: [join(packageDir, "node_modules", ".bin"), process.env.PATH]
          .filter(Boolean)
          .join(delimiter),
      },
    },
  );
  if (result.error) {
    console.error(`generate: cannot run ${buf}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  const generated = join(out, "typescript");
  if (!existsSync(join(generated, "sslstore", "connector", "v1"))) {
    console.error(`generate: buf wrote no TypeScript under ${generated}`);
    process.exit(1);
  }
  const target = join(packageDir, "src", "gen");
  rmSync(target, { recursive: true, force: true });
  cpSync(generated, target, { recursive: true });
  console.log(`generate: ${template} -> ${target}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
