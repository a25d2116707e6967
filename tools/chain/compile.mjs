// Compiles src/Protocol/contracts/*.sol with the pinned solcjs and writes one artifact per
// deployable contract to src/Protocol/artifacts/<Contract>.json (abi + bytecode).
// `--check` writes nothing and exits 1 when the committed artifacts differ from a fresh build.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const solc = require("solc");

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const contractsDir = join(root, "src", "Protocol", "contracts");
const artifactsDir = join(root, "src", "Protocol", "artifacts");
const deployable = ["LeveragedTokenRegistry", "PriceOracle", "SpotPool", "ReservePool", "LeveragedToken"];
const check = process.argv.includes("--check");

// Sorted names and no metadata hash: the bytecode depends on the sources and settings only.
const sources = Object.fromEntries(
  readdirSync(contractsDir)
    .filter((f) => f.endsWith(".sol"))
    .sort()
    .map((f) => [f, { content: readFileSync(join(contractsDir, f), "utf8") }]),
);
const input = {
  language: "Solidity",
  sources,
  settings: {
    viaIR: true,
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    metadata: { bytecodeHash: "none", appendCBOR: false },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

const artifacts = deployable.map((name) => {
  const contract = output.contracts[`${name}.sol`]?.[name];
  if (!contract) throw new Error(`${name} not found in ${name}.sol`);
  const artifact = { contractName: name, compiler: solc.version(), abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  return { file: join(artifactsDir, `${name}.json`), text: `${JSON.stringify(artifact, null, 2)}\n` };
});

if (check) {
  const stale = artifacts.filter((a) => !existsSync(a.file) || readFileSync(a.file, "utf8") !== a.text);
  for (const a of stale) console.error(`stale artifact: ${a.file}`);
  process.exit(stale.length === 0 ? 0 : 1);
}
mkdirSync(artifactsDir, { recursive: true });
for (const a of artifacts) writeFileSync(a.file, a.text);
console.log(`wrote ${artifacts.length} artifacts to ${artifactsDir}`);
