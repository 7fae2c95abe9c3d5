declare module "virtual:boon-config" {
  import type { ConfigResult } from "./config/config.ts";

  const result: ConfigResult;
  export default result;
}
