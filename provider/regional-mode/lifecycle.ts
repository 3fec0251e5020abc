/**
 * RegionalMode as the shared lifecycle runs it (operations/): its files put together as the
 * resource's record, and the operations the stable path provider/regional-mode-lifecycle.ts hands
 * to serialized providers and to the plugin.
 */
import type { RegionalModeSetting } from "../client";
import type { AtlasResource } from "../operations/kind";
import { lifecycleOf } from "../operations/lifecycle";
import * as create from "./create";
import * as deletion from "./delete";
import * as diff from "./diff";
import type { RegionalModeRef } from "./ids";
import * as ids from "./ids";
import * as inputs from "./inputs";
import * as outputs from "./outputs";
import * as read from "./read";
import * as settle from "./settle";
import * as statuses from "./statuses";
import * as update from "./update";

/** This folder's files: each exports the names every resource folder's file of that name does. */
const FILES = { inputs, outputs, ids, statuses, create, settle, read, update, delete: deletion, diff };

export const REGIONAL_MODE: AtlasResource<
  inputs.ResolvedRegionalModeInputs,
  RegionalModeRef,
  RegionalModeSetting,
  outputs.RegionalModeOutputs
> = {
  name: "RegionalMode",
  ...FILES,
};

export const lifecycle = lifecycleOf(REGIONAL_MODE);
