import { measureGas } from "./gas-measure.ts";

const r = await measureGas();
for (const [k, v] of Object.entries(r))
  console.log(k, v, (Number(v) / Number(r.erc20Transfer)).toFixed(3));
