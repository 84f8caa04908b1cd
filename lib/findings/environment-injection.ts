/**
 * Other functions whose configuration a role may update (lambda:UpdateFunctionConfiguration), a way to run code as
 * their roles that needs neither new code nor a layer: Node reads NODE_OPTIONS at start, and `--import` of a `data:`
 * URL there runs the module it holds before the handler loads (Node 18.18 and later; checked on Node 20 here), with
 * the function's credentials in its environment. Lambda's Node.js runtimes honour NODE_OPTIONS (AWS documents it for
 * --enable-source-maps). The same update sets Runtime, and no condition key names a runtime, so a zip function on any
 * runtime can be switched to Node.js for it (its handler then fails to load, after the preload ran). Container images
 * have no runtime to set.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { CONFIGURATION_UPDATE, type CodeTarget, type PathWording, type RewriteWay } from "./code-rewrite";

/** nodejs18.x and later: the Node versions whose NODE_OPTIONS take --import, so the runtime need not change. */
function takesImportOption(fn: FunctionModel): boolean {
  const major = /^nodejs(\d+)\.x$/.exec(fn.config.Runtime ?? "")?.[1];
  return major !== undefined && Number(major) >= 18;
}

/**
 * The update, for the functions in `reached` left out (their code the role can already replace). It sets variables
 * and no layers: the request carries lambda:Layer with no value, so a ForAllValues limit on layers holds and a plain
 * one does not.
 */
export function environmentWay(reached: ReadonlySet<FunctionModel>): RewriteWay {
  return new EnvironmentWay(reached);
}

/** A class, not an object of closures: tsx's kept names cost a defineProperty per closure made (see roleRequest). */
class EnvironmentWay implements RewriteWay {
  readonly action = CONFIGURATION_UPDATE;
  private readonly reached: ReadonlySet<FunctionModel>;

  constructor(reached: ReadonlySet<FunctionModel>) {
    this.reached = reached;
  }

  contextOf(): Record<string, string[]> {
    return { "lambda:Layer": [] };
  }

  skip(fn: FunctionModel): boolean {
    return this.reached.has(fn) || fn.config.PackageType === "Image";
  }
}

/** The path's wording for these targets: a runtime is set too where one of them runs another than Node 18 or later. */
export function environmentWording(targets: readonly CodeTarget[]): PathWording {
  const switched = targets.some((t) => !takesImportOption(t.fn));
  return {
    changes: "environment of",
    lead: (verb) => `Functions whose environment it ${verb} set`,
    runs:
      "NODE_OPTIONS=--import of a data: URL runs the caller's code with the function's role from its next cold start" +
      (switched ? " (a function on another runtime is switched to Node.js by the same update)" : ""),
    also: switched ? " setting a Node.js runtime and NODE_OPTIONS" : " setting NODE_OPTIONS",
  };
}
