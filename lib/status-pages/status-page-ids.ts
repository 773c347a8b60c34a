import { randomUUID } from "node:crypto";

/** `sp_…` pages, `spc_…` components, `spg_…` groups, `pi_…` public incidents, `pu_…` updates, `sps_…` subscribers, `spm_…` maintenances, `spw_…` webhook subscribers. */
export const newStatusPageId = (prefix: "sp" | "spc" | "spg" | "pi" | "pu" | "sps" | "spm" | "spw") =>
  `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 20)}`;

/** An id as a path gives it: anything that cannot be one is simply not found. */
export const isIdShape = (id: string, prefix: string) =>
  /^[a-z]{2,3}_[0-9a-f]{20}$/.test(id) && id.startsWith(`${prefix}_`);
