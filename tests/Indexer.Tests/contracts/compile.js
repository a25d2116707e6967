// Compiles LogEmitter.sol with the pinned solcjs: node compile.js (from this folder).
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '../../../tools/chain/node_modules/solc'));
const input = {
  language: 'Solidity',
  sources: { 'LogEmitter.sol': { content: fs.readFileSync(path.join(__dirname, 'LogEmitter.sol'), 'utf8') } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of out.errors || []) { if (e.severity === 'error') { console.error(e.formattedMessage); process.exit(1); } }
const c = out.contracts['LogEmitter.sol'].LogEmitter;
fs.writeFileSync(path.join(__dirname, 'LogEmitter.json'),
  JSON.stringify({ abi: c.abi, bytecode: '0x' + c.evm.bytecode.object }, null, 1) + '\n');
console.log('LogEmitter.json written');
