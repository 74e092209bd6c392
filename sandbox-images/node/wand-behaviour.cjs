// Wand's behaviour probe for JavaScript jobs (CommonJS), the twin of the Python image's
// wand_behaviour.py: records the calls a job's tests make into its editable modules, and replays
// inputs against a candidate's code, writing what each call returned, threw, printed, or did to
// its arguments. Wand compares those across candidates (issue 16).
//
//   WAND_BEHAVIOUR_COMMAND=COMMAND node wand-behaviour.cjs record MODULE...   runs COMMAND (the job's tests, a shell command) with this
//       file preloaded in every node process; each call made into a MODULE (a path) is kept, with
//       the test that made it and how each test ended -> .wand/calls.json. Tests are seen where
//       they are declared through node:test's test()/it() or a global it()/test() (mocha); jest
//       loads modules through its own runtime, so nothing is recorded under it
//   node wand-behaviour.cjs replay FILE                  each input of FILE -> .wand/behaviour.json
//
// Values cross as the Python probe writes them: null, booleans, numbers and strings as they are;
// arrays as lists; {"$d": [[key, value], ...]} a plain object or a Map, {"$s": [...]} a Set,
// {"$f": "nan"|"inf"|"-inf"} a number JSON cannot write, and, for results only, {"$o": type,
// "repr": text}. A call with an argument of any other kind is not recorded.
//
// Everything here runs as the candidate, in its sandbox: it is evidence, never a verdict.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const vm = require("node:vm");
const Module = require("node:module");
const { AsyncLocalStorage } = require("node:async_hooks");

const MAX_CALLS_PER_FUNCTION = 30;
const MAX_VALUE_CHARS = 2000;
const CALL_MS = 1000;

class NotPlain extends Error {}

function encode(value, strict = true, depth = 0, seen = new Set()) {
  if (depth > 20 || (value !== null && typeof value === "object" && seen.has(value))) {
    if (strict) throw new NotPlain("too deep");
    return { $o: depth > 20 ? "deep" : "cycle", repr: util.inspect(value, { depth: 2 }).slice(0, MAX_VALUE_CHARS) };
  }
  if (value !== null && typeof value === "object") seen = new Set(seen).add(value);
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $f: "nan" };
    if (!Number.isFinite(value)) return { $f: value > 0 ? "inf" : "-inf" };
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, strict, depth + 1, seen));
  if (value instanceof Set) {
    const items = [...value].map((v) => encode(v, strict, depth + 1, seen));
    return { $s: items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
  }
  if (value instanceof Map) return { $d: [...value].map(([k, v]) => [encode(k, strict, depth + 1, seen), encode(v, strict, depth + 1, seen)]) };
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return { $d: Object.entries(value).map(([k, v]) => [k, encode(v, strict, depth + 1, seen)]) };
  }
  if (strict) throw new NotPlain(typeof value);
  const type = value === undefined ? "undefined" : value?.constructor?.name ?? typeof value;
  return { $o: type, repr: util.inspect(value, { depth: 4 }).slice(0, MAX_VALUE_CHARS) };
}

function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    if ("$t" in value) return value.$t.map(decode);
    if ("$d" in value) return Object.fromEntries(value.$d.map(([k, v]) => [decode(k), decode(v)]));
    if ("$s" in value) return new Set(value.$s.map(decode));
    if ("$f" in value) return { nan: NaN, inf: Infinity, "-inf": -Infinity }[value.$f];
    throw new Error(`not an input value: ${JSON.stringify(value)}`);
  }
  return value;
}

// ---- record: the hook each node process of the test run loads with --require ----

function installRecorder() {
  // Absolute paths, and the job's top they are named from: a test command may change folders.
  const modules = new Set((process.env.WAND_BEHAVIOUR_MODULES ?? "").split("\n").filter(Boolean));
  const root = process.env.WAND_BEHAVIOUR_ROOT ?? process.cwd();
  const out = process.env.WAND_BEHAVIOUR_OUT;
  if (modules.size === 0 || !out) return;
  const seen = new Set();
  const perFunction = new Map();
  const lines = [];
  const tests = {};
  const current = new AsyncLocalStorage();
  const load = Module._load;
  let nodeTest = null;
  Module._load = function (request, parent, isMain) {
    const exported = load.apply(this, arguments);
    if (request === "node:test" || request === "test") {
      nodeTest ??= watchTests(exported);
      return nodeTest;
    }
    let filename;
    try {
      filename = Module._resolveFilename(request, parent, isMain);
    } catch {
      return exported;
    }
    return modules.has(filename) ? wrapExports(path.relative(root, filename), exported) : exported;
  };

  const wrappers = new WeakMap();
  function wrapExports(module, exported) {
    if (isPlainFunction(exported)) {
      if (!wrappers.has(exported)) wrappers.set(exported, wrap(module, "default", exported));
      return wrappers.get(exported);
    }
    if (exported && typeof exported === "object" && !exported[WRAPPED]) {
      for (const [name, value] of Object.entries(exported)) {
        if (isPlainFunction(value)) {
          try {
            exported[name] = wrap(module, name, value);
          } catch {
            // a frozen or getter-only export stays as it is
          }
        }
      }
      try {
        Object.defineProperty(exported, WRAPPED, { value: true });
      } catch {
        // frozen: nothing more to mark
      }
    }
    return exported;
  }

  // A test's callback runs inside the test's name (through awaits too), and its end is its outcome.
  function watchTest(declare) {
    if (typeof declare !== "function") return declare;
    const watched = function (...args) {
      const at = args.findLastIndex((a) => typeof a === "function");
      const name = typeof args[0] === "string" ? args[0] : typeof args[0]?.name === "string" ? args[0].name : "";
      if (at >= 0) {
        const body = args[at];
        const id = `${callingTestFile(modules)}::${name}`;
        const end = (outcome) => {
          if (tests[id] !== "failed") tests[id] = outcome;
        };
        args[at] = Object.defineProperty(function (...inner) {
          return current.run(id, () => {
            try {
              const result = body.apply(this, inner);
              if (result && typeof result.then === "function") {
                return result.then((v) => (end("passed"), v), (e) => (end("failed"), Promise.reject(e)));
              }
              end("passed");
              return result;
            } catch (error) {
              end("failed");
              throw error;
            }
          });
        }, "length", { value: body.length });
      }
      return declare.apply(this, args);
    };
    return Object.assign(watched, declare);
  }

  function watchTests(exported) {
    const watched = watchTest(exported);
    for (const name of ["test", "it"]) {
      if (typeof exported[name] === "function") watched[name] = watchTest(exported[name]);
    }
    return watched;
  }

  // mocha's BDD and TDD interfaces set global it()/test() before each spec file loads.
  for (const name of ["it", "test", "specify"]) {
    let value = globalThis[name];
    Object.defineProperty(globalThis, name, { configurable: true, get: () => value, set: (v) => { value = watchTest(v); } });
  }

  // A proxy keeps the function's own properties, its name and `new`.
  function wrap(module, name, fn) {
    return new Proxy(fn, {
      apply(target, self, args) {
        keep(module, name, args);
        return Reflect.apply(target, self, args);
      },
    });
  }

  function keep(module, name, args) {
    const key = `${module}\0${name}`;
    if ((perFunction.get(key) ?? 0) >= MAX_CALLS_PER_FUNCTION) return;
    let call;
    try {
      call = { module, function: name, args: encode(args), kwargs: {} };
    } catch (error) {
      if (error instanceof NotPlain) return;
      throw error;
    }
    const text = JSON.stringify(call);
    if (seen.has(text) || text.length > MAX_VALUE_CHARS * 4) return;
    seen.add(text);
    perFunction.set(key, (perFunction.get(key) ?? 0) + 1);
    call.test = current.getStore() ?? null;
    lines.push(JSON.stringify(call));
  }

  process.on("exit", () => {
    fs.mkdirSync(out, { recursive: true });
    if (lines.length === 0 && Object.keys(tests).length === 0) return;
    fs.writeFileSync(path.join(out, `${process.pid}.json`), JSON.stringify({ tests, calls: lines.map((l) => JSON.parse(l)) }));
  });
}

const WRAPPED = Symbol.for("wand.behaviour.wrapped");

function isPlainFunction(value) {
  return typeof value === "function" && !/^class\b/.test(Function.prototype.toString.call(value));
}

// The file the call came from: the first frame outside this probe, node's internals, node_modules
// and the editable modules themselves (a module calling its own export is not a test's call).
function callingTestFile(modules) {
  const stack = new Error().stack?.split("\n") ?? [];
  for (const line of stack.slice(1)) {
    const match = line.match(/\(?((?:\/|file:\/\/)[^():]+):\d+:\d+\)?$/);
    if (!match) continue;
    const file = match[1].replace(/^file:\/\//, "");
    if (file === __filename || file.includes("/node_modules/") || modules.has(file)) continue;
    return path.relative(process.cwd(), file);
  }
  return null;
}

function record(modules) {
  const command = process.env.WAND_BEHAVIOUR_COMMAND ?? "wand-test";
  const out = path.resolve(".wand/behaviour-calls");
  fs.rmSync(out, { recursive: true, force: true });
  const env = {
    ...process.env,
    WAND_BEHAVIOUR_MODULES: modules.map((m) => path.resolve(m)).join("\n"),
    WAND_BEHAVIOUR_ROOT: process.cwd(),
    WAND_BEHAVIOUR_OUT: out,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${__filename}`.trim(),
  };
  const status = require("node:child_process").spawnSync("sh", ["-c", command], { stdio: "inherit", env }).status ?? 1;
  const calls = [];
  const tests = {};
  const seen = new Set();
  for (const name of fs.existsSync(out) ? fs.readdirSync(out).sort() : []) {
    const part = JSON.parse(fs.readFileSync(path.join(out, name), "utf8"));
    Object.assign(tests, part.tests);
    for (const call of part.calls) {
      const text = JSON.stringify({ ...call, test: undefined });
      if (!seen.has(text)) {
        seen.add(text);
        calls.push(call);
      }
    }
  }
  fs.mkdirSync(".wand", { recursive: true });
  fs.writeFileSync(".wand/calls.json", JSON.stringify({ calls, tests }));
  return status;
}

// ---- replay ----

async function runOne(call) {
  const exported = require(path.resolve(call.module));
  const fn = call.function === "default" ? exported : exported?.[call.function];
  if (typeof fn !== "function") return { missing: `${call.module} exports no function ${call.function}` };
  const args = decode(call.args);
  const before = JSON.stringify(encode(args, false));
  const outcome = {};
  let printed = "";
  const write = process.stdout.write;
  process.stdout.write = (chunk) => {
    printed += String(chunk);
    return true;
  };
  try {
    globalThis.__wandCall = () => fn(...args);
    let result = vm.runInThisContext("__wandCall()", { timeout: CALL_MS });
    if (result instanceof Promise) {
      // The timer is kept referenced: a promise that never settles must not let node exit without a report.
      let timer;
      const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new TimedOut()), CALL_MS);
      });
      try {
        result = await Promise.race([result, limit]);
      } finally {
        clearTimeout(timer);
      }
    }
    outcome.returned = encode(result, false);
  } catch (error) {
    if (error instanceof TimedOut || error?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      outcome.timedOut = true;
    } else {
      outcome.raised = error?.constructor?.name ?? typeof error;
      outcome.message = String(error?.message ?? error).slice(0, MAX_VALUE_CHARS);
    }
  } finally {
    process.stdout.write = write;
    delete globalThis.__wandCall;
  }
  const after = JSON.stringify(encode(args, false));
  if (after !== before) outcome.argsAfter = JSON.parse(after);
  if (printed) outcome.printed = printed.slice(0, MAX_VALUE_CHARS);
  return outcome;
}

class TimedOut extends Error {}

async function replay(file) {
  const inputs = JSON.parse(fs.readFileSync(file, "utf8")).inputs;
  const outcomes = [];
  for (const call of inputs) {
    try {
      outcomes.push(await runOne(call));
    } catch (error) {
      outcomes.push({ missing: `${error?.constructor?.name}: ${String(error?.message ?? error).slice(0, 200)}` });
    }
  }
  fs.mkdirSync(".wand", { recursive: true });
  fs.writeFileSync(".wand/behaviour.json", JSON.stringify({ outcomes }));
  return 0;
}

if (require.main === module) {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "record" && rest.length > 0) {
    process.exit(record(rest));
  } else if (mode === "replay" && rest.length === 1) {
    replay(rest[0]).then((status) => process.exit(status));
  } else {
    process.stderr.write("usage: [WAND_BEHAVIOUR_COMMAND=COMMAND] wand-behaviour.cjs record MODULE... | replay FILE\n");
    process.exit(2);
  }
} else {
  installRecorder();
}
