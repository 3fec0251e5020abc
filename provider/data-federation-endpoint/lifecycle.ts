import { lifecycleOf } from "../operations/lifecycle";
import * as create from "./create";
import * as deletion from "./delete";
import * as diff from "./diff";
import * as ids from "./ids";
import * as inputs from "./inputs";
import * as outputs from "./outputs";
import * as read from "./read";
import * as settle from "./settle";
import * as statuses from "./statuses";
import * as update from "./update";

/** This folder's files: each exports the names every resource folder's file of that name does. */
const FILES = { inputs, outputs, ids, statuses, create, settle, read, update, delete: deletion, diff };

/** DataFederationEndpoint's operations: its files, run by the shared lifecycle. */
export const lifecycle = lifecycleOf({ name: "DataFederationEndpoint", ...FILES });
