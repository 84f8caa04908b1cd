/**
 * Other Node.js functions whose environment a role may set (lambda:UpdateFunctionConfiguration), a way to run code
 * as their roles that needs neither new code nor a layer: Node reads NODE_OPTIONS at start, and `--import` of a
 * `data:` URL there runs the module it holds before the handler loads (Node 18.18 and later; checked on Node 20 here),
 * with the function's credentials in its environment. Lambda's Node.js runtimes honour NODE_OPTIONS (AWS documents
 * it for --enable-source-maps). Other runtimes' variables are not counted: whether they run code of the caller's
 * choosing is not established here.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { CONFIGURATION_UPDATE, type PathWording, type RewriteWay } from "./code-rewrite";

/**
 * nodejs18.x and later: the Node versions whose NODE_OPTIONS take --import. Container images name no runtime. Kept
 * per function: asked of every function for each role that may update configurations.
 */
function takesImportOption(fn: FunctionModel): boolean {
  let takes = importOption.get(fn);
  if (takes === undefined) {
    const major = /^nodejs(\d+)\.x$/.exec(fn.config.Runtime ?? "")?.[1];
    importOption.set(fn, (takes = fn.config.PackageType !== "Image" && major !== undefined && Number(major) >= 18));
  }
  return takes;
}
const importOption = new WeakMap<FunctionModel, boolean>();

/**
 * The update, for the functions in `reached` left out (their code the role can already replace). It sets variables
 * and no layers: the request carries lambda:Layer with no value, so a ForAllValues limit on layers holds and a plain
 * one does not.
 */
export function environmentWay(reached: ReadonlySet<FunctionModel>): RewriteWay {
  return {
    action: CONFIGURATION_UPDATE,
    contextOf: () => ({ "lambda:Layer": [] }),
    skip: (fn) => reached.has(fn) || !takesImportOption(fn),
  };
}

export const ENVIRONMENT_WORDING: PathWording = {
  changes: "environment of",
  lead: (verb) => `Node.js functions whose environment it ${verb} set`,
  runs: "NODE_OPTIONS=--import of a data: URL runs the caller's code with the function's role from its next cold start",
  also: " setting NODE_OPTIONS",
};
