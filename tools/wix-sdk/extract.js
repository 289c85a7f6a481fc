#!/usr/bin/env node
'use strict';
// Extracts, from Wix's published SDK packages (pinned in package.json beside
// this file), the facts about the repository's Wix backend events, and writes
// them to tests/fixtures/sdk/. With --compare it instead checks those facts
// against the repository's JSON Schemas (schemas/backend_events/**) and writes
// tests/fixtures/sdk/comparison.txt.
//
//   npm ci && node extract.js              # write the fixtures
//   node extract.js --compare              # write comparison.txt
//   node extract.js --check                # fail if the fixtures are stale
//
// Options: --node-modules DIR (default: ./node_modules beside this file),
//          --repo DIR (default: the repository this file is in).
//
// Everything written is deterministic: object keys are sorted, lists are in
// the SDK's declaration order or sorted, and nothing depends on the clock, the
// machine or the order in which files are listed by the OS.

const fs = require('fs');
const path = require('path');

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

// How deep a field path may go below the envelope before it is cut. The
// deepest non-recursive path of the 33 events is shorter than this; a cut at
// this depth is marked `"cut": "depth"`, a type that contains itself is cut at
// its first repetition and marked `"cut": "cycle"`.
const MAX_DEPTH = 20;

// Which SDK packages hold the events of which Velo app. A handler
// `<app>_on<Event>` is looked up as the function `on<Event>` in these
// packages; a handler found in none of them gets `"sdk": null`.
const APP_PACKAGES = {
  wixEcom: [
    '@wix/auto_sdk_ecom_abandoned-checkouts',
    '@wix/auto_sdk_ecom_back-in-stock-notifications',
    '@wix/auto_sdk_ecom_cart',
    '@wix/auto_sdk_ecom_checkout',
    '@wix/auto_sdk_ecom_checkout-settings',
    '@wix/auto_sdk_ecom_checkout-templates',
    '@wix/auto_sdk_ecom_order-fulfillments',
    '@wix/auto_sdk_ecom_order-transactions',
    '@wix/auto_sdk_ecom_orders',
    '@wix/auto_sdk_ecom_orders-settings',
  ],
  wixEcomDiscounts: ['@wix/auto_sdk_ecom_discount-rules'],
  wixLoyalty: [
    '@wix/auto_sdk_loyalty_accounts',
    '@wix/auto_sdk_loyalty_coupons',
    '@wix/auto_sdk_loyalty_programs',
    '@wix/auto_sdk_loyalty_rewards',
  ],
  wixLoyaltyImportsV1: ['@wix/auto_sdk_loyalty_imports'],
};

// The envelope and metadata types every package declares; fields/envelope-types.json
// lists each once per distinct shape.
const ENVELOPE_TYPES = [
  'AccountInfo',
  'AccountInfoMetadata',
  'ActionEvent',
  'BaseEventMetadata',
  'DomainEvent',
  'EntityCreatedEvent',
  'EntityDeletedEvent',
  'EntityUpdatedEvent',
  'EventMetadata',
  'IdentificationData',
  'MessageEnvelope',
];

// Files of @wix/sdk that webhook.md quotes; --check verifies they still exist.
const SDK_FILES = ['build/event-handlers-modules.js', 'build/auth/AppStrategy.js', 'build/helpers.js', 'build/modified-fields-manipulator.js'];

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { mode: 'extract', nodeModules: path.join(__dirname, 'node_modules'), repo: path.resolve(__dirname, '..', '..') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--compare') opts.mode = 'compare';
    else if (a === '--check') opts.mode = 'check';
    else if (a === '--node-modules') opts.nodeModules = path.resolve(argv[++i]);
    else if (a === '--repo') opts.repo = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

// JSON with keys sorted at every level, so that a rerun is byte-identical.
function stableStringify(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out = {};
      for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sort(v[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

function byString(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Files written by this run, relative to the output folder, with contents.
// Kept in memory first so that --check can compare without writing.
class Output {
  constructor() {
    this.files = new Map();
  }
  json(rel, value) {
    this.files.set(rel, stableStringify(value));
  }
  text(rel, value) {
    this.files.set(rel, value.endsWith('\n') ? value : value + '\n');
  }
  write(dir) {
    for (const [rel, text] of [...this.files].sort((a, b) => byString(a[0], b[0]))) {
      const file = path.join(dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
  // Returns the relative names of files that differ from what is on disk.
  stale(dir) {
    const bad = [];
    for (const [rel, text] of this.files) {
      const file = path.join(dir, rel);
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) bad.push(rel);
    }
    return bad.sort(byString);
  }
}

// ---------------------------------------------------------------------------
// The repository's events
// ---------------------------------------------------------------------------

function listFiles(dir, pred) {
  const out = [];
  for (const name of fs.readdirSync(dir).sort(byString)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...listFiles(p, pred));
    else if (pred(p)) out.push(p);
  }
  return out;
}

// The repository's event schemas, one per handler, read from x-wix-handler.
function loadRepoEvents(repo) {
  const root = path.join(repo, 'schemas', 'backend_events');
  const events = [];
  for (const file of listFiles(root, (p) => p.endsWith('.json'))) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    const handler = schema['x-wix-handler'];
    if (!handler) continue;
    const m = /^([A-Za-z0-9]+)_on([A-Za-z0-9]+)$/.exec(handler);
    if (!m) throw new Error(`${file}: handler ${handler} is not <app>_on<Event>`);
    events.push({
      handler,
      app: m[1],
      event: m[2],
      fn: `on${m[2]}`,
      schemaFile: path.relative(repo, file).split(path.sep).join('/'),
      folder: path.basename(path.dirname(file)),
      slugName: path.basename(file, '.json'),
    });
  }
  const seen = new Set();
  for (const e of events) {
    if (seen.has(e.handler)) throw new Error(`handler ${e.handler} appears in two schema files`);
    seen.add(e.handler);
  }
  return events.sort((a, b) => byString(a.handler, b.handler));
}

// ---------------------------------------------------------------------------
// Packages on disk
// ---------------------------------------------------------------------------

function readPins() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')).dependencies;
}

// The installed package's folder and package.json; fails unless the installed
// version is exactly the pinned one, so that the output always says truly
// which versions it was read from.
function loadPackage(nodeModules, name, pins) {
  const dir = path.join(nodeModules, ...name.split('/'));
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pins[name] && pins[name] !== pj.version) {
    throw new Error(`${name}: installed ${pj.version}, pinned ${pins[name]}; run npm ci`);
  }
  return { name, dir, version: pj.version, pj };
}

// The typings entry is the .d.ts that declares the on<Event>() functions
// with their JSDoc (@eventType, @slug); the plain index.d.ts only declares
// them as EventDefinition constants without tags.
function typingsEntry(pkg) {
  const f = path.join(pkg.dir, 'build', 'cjs', 'index.typings.d.ts');
  if (!fs.existsSync(f)) throw new Error(`${pkg.name}: no build/cjs/index.typings.d.ts`);
  return f;
}

// The same typings before `@internal` members were stripped: the packages
// also ship build/internal/, whose types keep the fields Wix marks
// `@internal`. Such fields can still travel in a webhook body.
function internalTypingsEntry(pkg) {
  const f = path.join(pkg.dir, 'build', 'internal', 'cjs', 'index.typings.d.ts');
  if (!fs.existsSync(f)) throw new Error(`${pkg.name}: no build/internal/cjs/index.typings.d.ts`);
  return f;
}

function runtimeEntry(pkg) {
  return path.join(pkg.dir, pkg.pj.main || 'build/cjs/index.js');
}

function relToPackage(pkg, file) {
  return path.relative(pkg.dir, file).split(path.sep).join('/');
}

// ---------------------------------------------------------------------------
// TypeScript declarations: events
// ---------------------------------------------------------------------------

function createProgram(ts, roots) {
  const program = ts.createProgram(roots, {
    strict: true, // keeps `| null` and `?:` apart (strictNullChecks)
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  });
  return { program, checker: program.getTypeChecker() };
}

function moduleExports(ts, checker, program, file) {
  const sf = program.getSourceFile(file);
  const sym = checker.getSymbolAtLocation(sf);
  const out = new Map();
  for (const s of checker.getExportsOfModule(sym)) out.set(s.name, s);
  return out;
}

function resolveAlias(ts, checker, sym) {
  return sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
}

// JSDoc tags of a node as {name: value}; a tag given more than once gets an
// array of its values in source order.
function jsDocTags(ts, node) {
  const tags = {};
  for (const t of ts.getJSDocTags(node)) {
    const name = t.tagName.text;
    let value = typeof t.comment === 'string' ? t.comment : t.comment ? t.comment.map((c) => c.text).join('') : '';
    value = value.trim();
    if (name in tags) tags[name] = [].concat(tags[name], value);
    else tags[name] = value;
  }
  return tags;
}

// The on<Event>() functions a package's typings declare with an @eventType tag.
function readSdkEvents(ts, checker, program, pkg, file) {
  const exports = moduleExports(ts, checker, program, file);
  const events = new Map();
  for (const [name, exported] of exports) {
    const sym = resolveAlias(ts, checker, exported);
    const decl = (sym.declarations || []).find((d) => ts.isFunctionDeclaration(d));
    if (!decl) continue;
    const tags = jsDocTags(ts, decl);
    if (!tags.eventType) continue;
    const handlerParam = decl.parameters[0];
    const fnType = handlerParam && handlerParam.type;
    // handler: (event: XEnvelope) => void | Promise<void>
    const eventParam = fnType && ts.isFunctionTypeNode(fnType) ? fnType.parameters[0] : null;
    const envelopeNode = eventParam && eventParam.type;
    if (!envelopeNode || !ts.isTypeReferenceNode(envelopeNode)) throw new Error(`${pkg.name}.${name}: handler parameter is not a type reference`);
    events.set(name, {
      fn: name,
      eventType: tags.eventType,
      slug: tags.slug ?? null,
      webhook: 'webhook' in tags,
      serviceIdentifier: tags.serviceIdentifier ?? null,
      documentationMaturity: tags.documentationMaturity ?? null,
      envelopeType: envelopeNode.typeName.getText(),
      envelope: checker.getTypeFromTypeNode(envelopeNode),
      declaredIn: relToPackage(pkg, decl.getSourceFile().fileName),
      description: ts.displayPartsToString(checker.getSymbolAtLocation(decl.name).getDocumentationComment(checker)).trim() || null,
    });
  }
  return events;
}

// ---------------------------------------------------------------------------
// TypeScript declarations: walking a type into field paths
// ---------------------------------------------------------------------------

// Splits a declared type node into its non-null members and whether `null`
// (or `undefined`) was one of the members. Working on the node, not the
// checker's flattened union, keeps type-alias names such as
// `WeightUnitWithLiterals` visible.
function splitNullable(ts, node) {
  if (!node) return { members: [], nullable: false, explicitUndefined: false };
  if (ts.isParenthesizedTypeNode(node)) return splitNullable(ts, node.type);
  if (!ts.isUnionTypeNode(node)) return { members: [node], nullable: false, explicitUndefined: false };
  let nullable = false;
  let explicitUndefined = false;
  const members = [];
  for (const m of node.types) {
    if (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword) nullable = true;
    else if (m.kind === ts.SyntaxKind.UndefinedKeyword) explicitUndefined = true;
    else members.push(m);
  }
  return { members, nullable, explicitUndefined };
}

// A `XWithLiterals = X | 'A' | 'B'` alias (tagged @enumType) or a plain enum:
// its name, the enum's declared values in order and the literal values.
function enumInfo(ts, checker, type) {
  let aliasName = null;
  let enumSym = null;
  let literalValues = null;
  if (type.aliasSymbol) {
    const decl = type.aliasSymbol.declarations && type.aliasSymbol.declarations[0];
    if (decl && ts.isTypeAliasDeclaration(decl) && ts.isUnionTypeNode(decl.type)) {
      const refs = decl.type.types.filter((t) => ts.isTypeReferenceNode(t));
      const lits = decl.type.types.filter((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal));
      if (refs.length === 1 && refs.length + lits.length === decl.type.types.length) {
        const s = resolveAlias(ts, checker, checker.getSymbolAtLocation(refs[0].typeName));
        if (s && s.flags & ts.SymbolFlags.Enum) {
          aliasName = type.aliasSymbol.name;
          enumSym = s;
          literalValues = lits.map((l) => l.literal.text);
        }
      }
    }
  }
  if (!enumSym && type.symbol && type.symbol.flags & ts.SymbolFlags.Enum) enumSym = type.symbol;
  if (!enumSym && type.flags & ts.TypeFlags.EnumLiteral && type.symbol && type.symbol.parent) enumSym = type.symbol.parent;
  if (!enumSym) return null;
  const enumDecl = enumSym.declarations.find((d) => ts.isEnumDeclaration(d));
  const values = enumDecl.members.map((m) => checker.getConstantValue(m));
  const info = { name: enumSym.name, values };
  if (aliasName) info.alias = aliasName;
  if (literalValues && JSON.stringify(literalValues) !== JSON.stringify(values)) info.literalValues = literalValues;
  if (values.some((v) => typeof v !== 'string')) info.nonStringValues = true;
  return info;
}

function isBooleanUnion(ts, type) {
  return type.flags & ts.TypeFlags.Union && type.types.every((t) => t.flags & ts.TypeFlags.BooleanLiteral);
}

// The kind of a (non-null) type: one of string, number, boolean, date,
// bytes, enum, array, map, object, any, unknown, literal, union.
function classify(ts, checker, type) {
  const f = type.flags;
  if (f & ts.TypeFlags.Any) return { kind: 'any' };
  if (f & ts.TypeFlags.Unknown) return { kind: 'unknown' };
  const en = enumInfo(ts, checker, type);
  if (en) return { kind: 'enum', enum: en };
  if (f & ts.TypeFlags.String) return { kind: 'string' };
  if (f & ts.TypeFlags.Number) return { kind: 'number' };
  if (f & ts.TypeFlags.Boolean || isBooleanUnion(ts, type)) return { kind: 'boolean' };
  if (f & ts.TypeFlags.StringLiteral) return { kind: 'literal', value: type.value };
  if (f & ts.TypeFlags.Union) return { kind: 'union', tsType: checker.typeToString(type) };
  if (f & ts.TypeFlags.Object) {
    if (checker.isArrayType(type)) return { kind: 'array', element: checker.getTypeArguments(type)[0] };
    const name = type.symbol && type.symbol.name;
    if (name === 'Date') return { kind: 'date' };
    if (name === 'Uint8Array') return { kind: 'bytes' };
    const props = checker.getPropertiesOfType(type);
    const strIndex = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (props.length === 0 && strIndex) return { kind: 'map', value: strIndex.type, tsType: checker.typeToString(type) };
    return { kind: 'object', tsType: type.aliasSymbol ? type.aliasSymbol.name : name };
  }
  return { kind: 'other', tsType: checker.typeToString(type) };
}

// Names of the properties that an interface takes from a `@oneof` base
// interface: {propName: baseName}. Such properties are alternatives, at most
// one of which is set.
function oneOfGroups(ts, checker, type) {
  const out = {};
  if (!(type.flags & ts.TypeFlags.Object) || !(type.objectFlags & ts.ObjectFlags.Interface)) return out;
  for (const base of checker.getBaseTypes(type) || []) {
    const decl = base.symbol && base.symbol.declarations && base.symbol.declarations[0];
    if (!decl || !('oneof' in jsDocTags(ts, decl))) continue;
    for (const p of checker.getPropertiesOfType(base)) out[p.name] = base.symbol.name;
  }
  return out;
}

// The SDK renames these keys at every depth of every event (see
// @wix/sdk-runtime rename-all-nested-keys.js and constants.js); the REST
// name of a field is its SDK name read backwards through this map.
function restNameOf(sdkName, renameMap) {
  for (const [rest, sdk] of Object.entries(renameMap)) if (sdk === sdkName) return rest;
  return sdkName;
}

// Walks `type` (the envelope) into a flat list of fields, in declaration
// order, depth first. Each field says its kind, whether it is optional and
// nullable, and where recursion was cut.
function walkType(ts, checker, rootType, renameMap) {
  const fields = [];
  const visit = (type, pointer, depth, ancestors) => {
    const groups = oneOfGroups(ts, checker, type);
    for (const prop of checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration || (prop.declarations && prop.declarations[0]);
      const typeNode = decl && decl.type;
      const { members, nullable, explicitUndefined } = splitNullable(ts, typeNode);
      const field = {
        path: `${pointer}/${prop.name}`,
        name: prop.name,
        optional: !!(prop.flags & ts.SymbolFlags.Optional) || explicitUndefined,
        nullable,
      };
      const rest = restNameOf(prop.name, renameMap);
      if (rest !== prop.name) field.restName = rest;
      if (groups[prop.name]) field.oneOf = groups[prop.name];
      const tags = decl ? jsDocTags(ts, decl) : {};
      if (Object.keys(tags).length) field.tags = tags;
      // One non-null member: resolve it from its node, so that an alias
      // name (an enum's `…WithLiterals`) survives. Otherwise fall back to the
      // checker's type without null/undefined, and keep the declared text.
      const valueType = members.length === 1 ? checker.getTypeFromTypeNode(members[0]) : checker.getNonNullableType(checker.getTypeOfSymbol(prop));
      if (members.length > 1) field.declaredType = typeNode.getText();
      describeValue(field, valueType, depth + 1, ancestors);
    }
  };
  // Fills in field.kind (and what follows from it), pushes the field, and
  // descends into objects and array elements.
  const describeValue = (field, type, depth, ancestors) => {
    const c = classify(ts, checker, type);
    field.kind = c.kind;
    if (c.kind === 'enum') field.enum = c.enum;
    if (c.kind === 'literal') field.value = c.value;
    if (c.tsType) field.tsType = c.tsType;
    fields.push(field);
    if (c.kind === 'array') {
      const el = c.element;
      const elNullable = !!(el.flags & ts.TypeFlags.Union && el.types.some((t) => t.flags & ts.TypeFlags.Null));
      const item = { path: `${field.path}/*`, name: '*', optional: false, nullable: elNullable };
      describeValue(item, elNullable ? checker.getNonNullableType(el) : el, depth + 1, ancestors);
    } else if (c.kind === 'map') {
      const v = c.value;
      if (!(v.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) {
        const item = { path: `${field.path}/{}`, name: '{}', optional: false, nullable: false };
        describeValue(item, v, depth + 1, ancestors);
      }
    } else if (c.kind === 'object') {
      const seen = ancestors.find((a) => a.type === type);
      if (seen) {
        field.cut = 'cycle';
        field.cycleTo = seen.pointer;
      } else if (depth >= MAX_DEPTH) {
        field.cut = 'depth';
      } else {
        visit(type, field.path, depth, ancestors.concat({ type, pointer: field.path }));
      }
    }
  };
  visit(rootType, '', 0, [{ type: rootType, pointer: '' }]);
  return fields;
}

// The internal field list, in its order, where a field the public typings
// also declare is taken from the public walk and a field only the internal
// typings declare is marked `"internal": true`. Where the two disagree on a
// shared field (kind, enum values, optionality) the internal variant is kept
// under `internalVariant`, so that nothing is silently dropped.
function mergeInternal(pub, int, where) {
  const intByPath = new Map(int.map((f) => [f.path, f]));
  const missing = pub.filter((f) => !intByPath.has(f.path));
  if (missing.length) throw new Error(`${where}: the internal typings lack public fields ${missing.map((f) => f.path).join(', ')}`);
  const pubByPath = new Map(pub.map((f) => [f.path, f]));
  const shape = (f) => JSON.stringify([f.kind, f.enum, f.optional, f.nullable, f.tsType, f.value]);
  return int.map((f) => {
    const p = pubByPath.get(f.path);
    if (!p) return { ...f, internal: true };
    if (shape(p) !== shape(f)) return { ...p, internalVariant: { kind: f.kind, enum: f.enum, optional: f.optional, nullable: f.nullable, tsType: f.tsType } };
    return p;
  });
}

// ---------------------------------------------------------------------------
// Runtime build files: EventDefinition(...) and their transformations
// ---------------------------------------------------------------------------

// `var import_x = require("module")` declarations of a CommonJS build file.
function requireVars(ts, sf) {
  const out = {};
  const visit = (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isCallExpression(n.initializer) && ts.isIdentifier(n.initializer.expression) && n.initializer.expression.text === 'require' && ts.isIdentifier(n.name)) {
      const arg = n.initializer.arguments[0];
      if (arg && ts.isStringLiteral(arg)) out[n.name.text] = arg.text;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

// The callee of `(0, import_x.fn)(...)` or `fn(...)`: {module, fn}.
function calleeOf(ts, call, requires) {
  let e = call.expression;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    return { module: requires[e.expression.text] ?? e.expression.text, fn: e.name.text };
  }
  if (ts.isIdentifier(e)) return { module: null, fn: e.text };
  return null;
}

function literalValue(ts, node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(ts, e));
  if (ts.isObjectLiteralExpression(node)) {
    const o = {};
    for (const p of node.properties) if (ts.isPropertyAssignment(p)) o[p.name.getText()] = literalValue(ts, p.initializer);
    return o;
  }
  return { unparsed: node.getText() };
}

// The `transformPaths(x, [{transformFn, paths: [{path, ...}]}])` list.
function readTransformList(ts, arrayNode, requires) {
  return arrayNode.elements.map((el) => {
    const entry = { transformFn: null, module: null, paths: [] };
    for (const p of el.properties) {
      const key = p.name.getText();
      if (key === 'transformFn') {
        const c = calleeOf(ts, { expression: p.initializer }, requires);
        entry.transformFn = c ? c.fn : p.initializer.getText();
        entry.module = c ? c.module : null;
      } else if (key === 'paths') {
        entry.paths = p.initializer.elements.map((pe) => literalValue(ts, pe));
      } else {
        entry[key] = literalValue(ts, p.initializer);
      }
    }
    return entry;
  });
}

// Describes the transformation function of an EventDefinition as the chain
// of calls it makes, innermost (applied first) first, e.g.
// [transformPaths(event, [...]), renameKeysFromRESTResponseToSDKResponse(...)].
function readPipeline(ts, fnNode, requires) {
  const steps = [];
  let body = fnNode.body;
  while (body && ts.isParenthesizedExpression(body)) body = body.expression;
  const param = fnNode.parameters[0] ? fnNode.parameters[0].name.getText() : null;
  const walk = (expr) => {
    while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
    if (ts.isIdentifier(expr) && expr.text === param) return;
    if (!ts.isCallExpression(expr)) {
      steps.push({ unparsed: expr.getText() });
      return;
    }
    const c = calleeOf(ts, expr, requires);
    const [first, ...rest] = expr.arguments;
    walk(first);
    const step = { fn: c ? c.fn : expr.expression.getText(), module: c ? c.module : null };
    if (step.fn === 'transformPaths' && rest[0] && ts.isArrayLiteralExpression(rest[0])) step.transformations = readTransformList(ts, rest[0], requires);
    else if (rest.length) step.extraArguments = rest.map((a) => literalValue(ts, a));
    steps.push(step);
  };
  if (ts.isBlock(body)) steps.push({ unparsed: body.getText() });
  else walk(body);
  return steps;
}

// Every `var onX = EventDefinition("type", isDomainEvent, (event) => ...)()`
// of a package's runtime build file.
function readRuntimeEvents(ts, pkg) {
  const file = runtimeEntry(pkg);
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const requires = requireVars(ts, sf);
  const out = new Map();
  const visit = (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isCallExpression(n.initializer) && ts.isIdentifier(n.name)) {
      // EventDefinition(...)() : the outer call has no arguments.
      const inner = n.initializer.expression;
      if (ts.isCallExpression(inner)) {
        const c = calleeOf(ts, inner, requires);
        if (c && c.fn === 'EventDefinition') {
          const [typeArg, domainArg, fnArg] = inner.arguments;
          const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
          out.set(n.name.text, {
            variable: n.name.text,
            eventType: literalValue(ts, typeArg),
            isDomainEvent: domainArg ? literalValue(ts, domainArg) : false,
            definedBy: c.module,
            file: relToPackage(pkg, file),
            line: line + 1,
            pipeline: fnArg && (ts.isArrowFunction(fnArg) || ts.isFunctionExpression(fnArg)) ? readPipeline(ts, fnArg, requires) : null,
          });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

// @wix/sdk-runtime's REST→SDK key rename map, read from its constants file
// rather than copied, so that a new version cannot silently change it.
function readRenameMap(nodeModules) {
  const rt = require(path.join(nodeModules, '@wix', 'sdk-runtime', 'cjs', 'build', 'constants.js'));
  return { ...rt.RESTResponseToSDKResponseRenameMap };
}

// The source text of each transformation function the events use, from
// @wix/sdk-runtime, so that transformations.json says what each one does in
// the SDK's own words.
function readTransformFunctionSources(ts, nodeModules, modules) {
  const out = {};
  for (const [fn, mod] of modules) {
    const m = /^@wix\/sdk-runtime\/(.+)$/.exec(mod);
    if (!m) continue;
    const rel = `cjs/build/${m[1]}.js`;
    const file = path.join(nodeModules, '@wix', 'sdk-runtime', rel);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
    let text = null;
    ts.forEachChild(sf, (n) => {
      if (ts.isFunctionDeclaration(n) && n.name && n.name.text === fn) text = n.getText();
    });
    out[fn] = { file: `@wix/sdk-runtime/${rel}`, module: mod, source: text };
  }
  return out;
}

// ---------------------------------------------------------------------------
// Classifying an event
// ---------------------------------------------------------------------------

// What kind of domain event the SDK treats this as, and where its payload
// sits. The SDK's runHandler (@wix/sdk event-handlers-modules.js) builds
// {entity} from createdEvent.entity / updatedEvent.currentEntity /
// deletedEvent.deletedEntity and {data} from actionEvent.body, so an envelope
// with `data` is an action event; otherwise the @slug tells created, updated
// or deleted.
function classifyEvent(ts, checker, sdk, runtime) {
  const props = checker.getPropertiesOfType(sdk.envelope).map((p) => p.name);
  const payload = props.includes('entity') ? 'entity' : props.includes('data') ? 'data' : 'metadata-only';
  let domainEvent;
  let body;
  if (!runtime || runtime.isDomainEvent !== true) domainEvent = 'not-a-domain-event';
  else if (payload === 'data') domainEvent = 'action';
  else if (sdk.slug === 'created') domainEvent = 'created';
  else if (sdk.slug === 'updated') domainEvent = 'updated';
  else if (sdk.slug === 'deleted') domainEvent = 'deleted';
  else domainEvent = 'ambiguous';
  const source = {
    created: 'createdEvent.entity',
    updated: 'updatedEvent.currentEntity',
    deleted: payload === 'entity' ? 'deletedEvent.deletedEntity' : null,
    action: 'actionEvent.body',
  }[domainEvent] ?? null;
  let payloadType = null;
  if (payload !== 'metadata-only') {
    const p = checker.getPropertiesOfType(sdk.envelope).find((x) => x.name === payload);
    const t = checker.getTypeOfSymbol(p);
    payloadType = t.symbol ? t.symbol.name : checker.typeToString(t);
    if (payload === 'data') body = checker.getPropertiesOfType(t).map((x) => x.name);
  }
  return { payload, payloadType, body, domainEvent, domainEventSource: source, envelopeProperties: props };
}

// ---------------------------------------------------------------------------
// Building the outputs
// ---------------------------------------------------------------------------

// Matches each repository handler to its SDK event in the app's packages.
function matchHandlers(repoEvents, pkgEvents) {
  return repoEvents.map((e) => {
    const candidates = [];
    for (const name of APP_PACKAGES[e.app] || []) {
      const ev = pkgEvents.get(name).sdk.get(e.fn);
      if (ev) candidates.push({ pkg: name, ev });
    }
    return { repo: e, candidates };
  });
}

function fieldsFileName(e) {
  return `fields/${e.folder}/${e.slugName}.json`;
}

function buildEventsJson(matches, pkgs, classes) {
  const events = matches.map(({ repo, candidates }) => {
    const base = { handler: repo.handler, app: repo.app, schema: repo.schemaFile };
    if (candidates.length === 0) {
      return { ...base, sdk: null, note: `no function ${repo.fn}() with an @eventType tag in ${(APP_PACKAGES[repo.app] || []).join(', ') || 'any package (unknown app)'}` };
    }
    if (candidates.length > 1) {
      return { ...base, sdk: null, note: `ambiguous: ${repo.fn}() is declared in ${candidates.map((c) => c.pkg).join(', ')}` };
    }
    const { pkg, ev } = candidates[0];
    const rt = pkgs.get(pkg).runtime.get(repo.fn) || null;
    const cls = classes.get(repo.handler);
    const sdk = {
      package: pkg,
      version: pkgs.get(pkg).version,
      function: ev.fn,
      eventType: ev.eventType,
      slug: ev.slug,
      envelopeType: ev.envelopeType,
      envelopeProperties: cls.envelopeProperties,
      declaredIn: ev.declaredIn,
      serviceIdentifier: ev.serviceIdentifier,
      documentationMaturity: ev.documentationMaturity,
      description: ev.description,
      domainEvent: cls.domainEvent,
      domainEventSource: cls.domainEventSource,
      payload: cls.payload,
      payloadType: cls.payloadType,
      fields: fieldsFileName(repo),
    };
    if (cls.body) sdk.dataFields = cls.body;
    if (rt) {
      sdk.runtime = { file: rt.file, line: rt.line, variable: rt.variable, eventType: rt.eventType, isDomainEvent: rt.isDomainEvent };
      if (rt.eventType !== ev.eventType) sdk.eventTypeMismatch = `@eventType says ${ev.eventType}, ${rt.file} says ${rt.eventType}`;
    } else {
      sdk.runtime = null;
      sdk.runtimeNote = `no EventDefinition variable ${repo.fn} in ${runtimeEntryName(pkgs.get(pkg))}`;
    }
    return { ...base, sdk };
  });
  return { maxDepth: MAX_DEPTH, events };
}

function runtimeEntryName(pkg) {
  return relToPackage(pkg, runtimeEntry(pkg));
}

// Collects the enums the fields use, merging identical ones across packages.
function buildEnumsJson(eventFields) {
  const byKey = new Map();
  for (const { handler, pkg, fields } of eventFields) {
    for (const f of fields) {
      if (f.kind !== 'enum') continue;
      const key = `${f.enum.name}\u0000${JSON.stringify(f.enum.values)}`;
      if (!byKey.has(key)) byKey.set(key, { name: f.enum.name, alias: f.enum.alias ?? null, values: f.enum.values, literalValues: f.enum.literalValues, packages: new Set(), usedBy: [] });
      const e = byKey.get(key);
      e.packages.add(pkg);
      const use = { handler, path: f.path };
      if (f.internal) use.internal = true;
      e.usedBy.push(use);
      // The internal typings' enum may declare members the public one lacks.
      const iv = f.internalVariant && f.internalVariant.enum;
      if (iv) {
        e.internalOnlyValues = e.internalOnlyValues || [];
        for (const v of iv.values) if (!f.enum.values.includes(v) && !e.internalOnlyValues.includes(v)) e.internalOnlyValues.push(v);
      }
    }
  }
  const list = [...byKey.values()].map((e) => ({
    ...e,
    internalOnly: e.usedBy.every((u) => u.internal) || undefined,
    packages: [...e.packages].sort(byString),
    usedBy: e.usedBy.sort((a, b) => byString(a.handler, b.handler) || byString(a.path, b.path)),
  }));
  list.sort((a, b) => byString(a.name, b.name) || byString(JSON.stringify(a.values), JSON.stringify(b.values)));
  const names = new Map();
  for (const e of list) names.set(e.name, (names.get(e.name) || 0) + 1);
  for (const e of list) if (names.get(e.name) > 1) e.note = `another enum of the same name has other values (see the entries named ${e.name})`;
  return { enums: list };
}

// Resolves a transformPaths path ("entity.lineItems.image", REST names,
// arrays implicit) to the SDK field pointer it reaches, using the event's
// field list; null when no typed field matches.
function resolveTransformPath(restPath, fieldIndex, renameMap) {
  const parts = restPath.split('.');
  let pointer = '';
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i];
    const isMap = raw.endsWith('{}');
    const part = isMap ? raw.slice(0, -2) : raw;
    const name = renameMap[part] ?? part;
    pointer += `/${name}`;
    let f = fieldIndex.get(pointer);
    if (!f && name !== part) {
      pointer = pointer.slice(0, -name.length) + part;
      f = fieldIndex.get(pointer);
    }
    if (!f) return null;
    if (isMap && f.kind === 'map') pointer += '/{}';
    // transformPath maps over arrays without a marker in the path.
    while (f && f.kind === 'array' && i < parts.length - 1) {
      pointer += '/*';
      f = fieldIndex.get(pointer);
    }
  }
  return pointer;
}

function buildTransformationsJson(matches, pkgs, eventFieldsByHandler, renameMap, functionSources) {
  const events = [];
  for (const { repo, candidates } of matches) {
    if (candidates.length !== 1) {
      events.push({ handler: repo.handler, sdk: null });
      continue;
    }
    const pkg = pkgs.get(candidates[0].pkg);
    const rt = pkg.runtime.get(repo.fn);
    const fieldIndex = new Map(eventFieldsByHandler.get(repo.handler).map((f) => [f.path, f]));
    const entry = { handler: repo.handler, package: pkg.name, version: pkg.version, file: rt ? rt.file : null, line: rt ? rt.line : null, pipeline: null, paths: [] };
    if (rt && rt.pipeline) {
      entry.pipeline = rt.pipeline.map((s) => {
        const step = { fn: s.fn, module: s.module };
        if (s.unparsed) step.unparsed = s.unparsed;
        if (s.extraArguments) step.extraArguments = s.extraArguments;
        if (s.transformations) {
          step.transformations = s.transformations.map((t) => ({ transformFn: t.transformFn, module: t.module, paths: t.paths.map((p) => p.path) }));
          for (const t of s.transformations) {
            for (const p of t.paths) {
              const row = { path: p.path, transformFn: t.transformFn };
              for (const k of Object.keys(p)) if (k !== 'path') row[k] = p[k];
              const ptr = resolveTransformPath(p.path, fieldIndex, renameMap);
              row.sdkPointer = ptr;
              if (!ptr) row.note = unresolvedNote(p.path, fieldIndex);
              entry.paths.push(row);
            }
          }
        }
        return step;
      });
    }
    events.push(entry);
  }
  return { renameMap: { map: renameMap, appliedBy: 'renameKeysFromRESTResponseToSDKResponse', scope: 'every key at every depth of the envelope, after transformPaths (see webhook.md)' }, functions: functionSources, events };
}

function unresolvedNote(restPath, fieldIndex) {
  const root = restPath.split('.')[0];
  if (root === 'undefined') return 'the path starts with the literal segment "undefined" (the generator had no envelope key); transformPath finds no key "undefined" in the envelope, so this entry does nothing';
  const rootField = fieldIndex.get(`/${root}`);
  if (!rootField) return `the envelope type has no property "${root}"`;
  if (rootField.kind === 'map') return `"${root}" is typed ${rootField.tsType}; its contents are not typed`;
  return 'neither the public nor the internal typings declare a field at this path (the SDK types it nowhere); the transformation still runs if the body has the key';
}

// One entry per distinct shape of each envelope/metadata type across the
// packages, so that a difference between packages is visible.
function buildEnvelopeTypes(ts, pkgs, checker, program, renameMap) {
  const out = {};
  for (const typeName of ENVELOPE_TYPES) {
    const variants = new Map();
    for (const [name, pkg] of [...pkgs].sort((a, b) => byString(a[0], b[0]))) {
      if (!pkg.isEventPackage) continue;
      const exp = moduleExports(ts, checker, program, typingsEntry(pkg)).get(typeName);
      if (!exp) continue;
      const sym = resolveAlias(ts, checker, exp);
      const fields = walkType(ts, checker, checker.getDeclaredTypeOfSymbol(sym), renameMap);
      const key = stableStringify(fields);
      if (!variants.has(key)) variants.set(key, { fields, packages: [] });
      variants.get(key).packages.push(name);
    }
    out[typeName] = [...variants.values()];
  }
  return { maxDepth: MAX_DEPTH, types: out };
}

// ---------------------------------------------------------------------------
// Comparison with the repository's JSON Schemas
// ---------------------------------------------------------------------------

// Loads schema files on demand and resolves relative `$ref`s (file paths,
// `#/$defs/...` fragments, or both).
class SchemaStore {
  constructor() {
    this.cache = new Map();
  }
  load(file) {
    if (!this.cache.has(file)) this.cache.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
    return this.cache.get(file);
  }
  resolve(ref, fromFile) {
    const [filePart, frag] = ref.split('#');
    const file = filePart ? path.resolve(path.dirname(fromFile), filePart) : fromFile;
    let node = this.load(file);
    if (frag) {
      for (const seg of frag.split('/').filter(Boolean)) {
        node = node[decodeURIComponent(seg.replace(/~1/g, '/').replace(/~0/g, '~'))];
        if (node === undefined) throw new Error(`${fromFile}: cannot resolve $ref ${ref}`);
      }
    }
    return { node, file, id: `${file}#${frag || ''}` };
  }
}

// Flattens a schema into {pointer: {types, format, required}} using the same
// path notation as the fields files (`/*` for items, `/{}` for
// additionalProperties).
function walkSchema(store, file) {
  const out = new Map();
  const visit = (node, nodeFile, pointer, depth, refStack, required) => {
    // Follow $ref chains; sibling keywords (description) do not change the shape.
    let cur = node;
    let curFile = nodeFile;
    const stack = refStack.slice();
    while (cur && cur.$ref) {
      const r = store.resolve(cur.$ref, curFile);
      if (stack.includes(r.id)) {
        if (pointer) out.set(pointer, { types: ['(recursive $ref)'], required });
        return;
      }
      stack.push(r.id);
      cur = r.node;
      curFile = r.file;
    }
    if (!cur) return;
    const types = cur.type === undefined ? [] : [].concat(cur.type);
    if (pointer) out.set(pointer, { types, format: cur.format ?? null, required });
    if (depth >= MAX_DEPTH + 2) return;
    const req = new Set(cur.required || []);
    for (const [k, v] of Object.entries(cur.properties || {})) visit(v, curFile, `${pointer}/${k}`, depth + 1, stack, req.has(k));
    if (cur.items && typeof cur.items === 'object') visit(cur.items, curFile, `${pointer}/*`, depth + 1, stack, false);
    if (cur.additionalProperties && typeof cur.additionalProperties === 'object') visit(cur.additionalProperties, curFile, `${pointer}/{}`, depth + 1, stack, false);
  };
  visit(store.load(file), file, '', 0, [path.resolve(file) + '#'], true);
  return out;
}

// Whether an SDK kind and a schema's JSON types agree. The SDK types what its
// handler receives: a timestamp as a Date, an enum as a string union, a
// decimal or int64 as a string.
function kindConflict(sdkField, schemaEntry) {
  const types = schemaEntry.types.filter((t) => t !== 'null');
  if (types.length === 0) return null; // untyped (raw JSON) in the schema
  const ok = {
    string: ['string'],
    enum: ['string'],
    literal: ['string'],
    date: ['string'],
    number: ['number', 'integer'],
    boolean: ['boolean'],
    object: ['object'],
    map: ['object'],
    array: ['array'],
    bytes: ['string'],
  }[sdkField.kind];
  if (!ok) return null; // any / unknown / union: nothing to contradict
  if (types.some((t) => ok.includes(t))) {
    if (sdkField.kind === 'date' && schemaEntry.format !== 'date-time') return `SDK date, schema string without format date-time${schemaEntry.format ? ` (format ${schemaEntry.format})` : ''}`;
    if (sdkField.kind === 'string' && schemaEntry.format === 'date-time') return 'SDK string, schema string format date-time';
    return null;
  }
  return `SDK ${sdkField.kind}${sdkField.tsType ? ` (${sdkField.tsType})` : ''}, schema ${types.join('|')}${schemaEntry.format ? ` format ${schemaEntry.format}` : ''}`;
}

// Of a set of paths, those whose parent is not in the set: the roots of
// missing subtrees, each with how many paths lie below it.
function subtreeRoots(paths) {
  const set = new Set(paths);
  const roots = [];
  for (const p of paths) {
    let parent = p.slice(0, p.lastIndexOf('/'));
    let covered = false;
    while (parent) {
      if (set.has(parent)) {
        covered = true;
        break;
      }
      parent = parent.slice(0, parent.lastIndexOf('/'));
    }
    if (!covered) roots.push({ path: p, below: paths.filter((q) => q.startsWith(p + '/')).length });
  }
  return roots;
}

function compareEvent(repo, fields, schemaPaths) {
  const sdkPaths = new Map(fields.map((f) => [f.path, f]));
  const lines = [];
  const sdkOnly = [...sdkPaths.keys()].filter((p) => !schemaPaths.has(p));
  // A schema path below an SDK field typed Record<string, any> (or any) is
  // not contradicted by the SDK, only untyped there.
  const untypedAncestor = (p) => {
    for (let q = p.slice(0, p.lastIndexOf('/')); q; q = q.slice(0, q.lastIndexOf('/'))) {
      const f = sdkPaths.get(q);
      if (f) return f.kind === 'map' || f.kind === 'any' ? q : null;
    }
    return null;
  };
  const missingInSdk = [...schemaPaths.keys()].filter((p) => !sdkPaths.has(p));
  const schemaOnly = missingInSdk.filter((p) => !untypedAncestor(p));
  const underUntyped = missingInSdk.filter((p) => untypedAncestor(p));
  const conflicts = [];
  const requiredButOptional = [];
  for (const [p, s] of schemaPaths) {
    const f = sdkPaths.get(p);
    if (!f) continue;
    const c = kindConflict(f, s);
    if (c) conflicts.push(`${p}: ${c}`);
    if (s.required && (f.optional || f.nullable)) requiredButOptional.push(`${p}: schema requires it, SDK types it${f.optional ? ' optional (?)' : ''}${f.nullable ? ' nullable (| null)' : ''}`);
  }
  const roots = subtreeRoots(sdkOnly);
  lines.push(`SDK paths the schema lacks: ${sdkOnly.length} (in ${roots.length} subtrees; "internal" = only the SDK's internal typings declare it)`);
  for (const r of roots) lines.push(`  - ${r.path}${sdkPaths.get(r.path).internal ? ' [internal]' : ''}${r.below ? `  (+${r.below} below)` : ''}`);
  const schemaRoots = subtreeRoots(schemaOnly);
  lines.push(`schema paths the SDK lacks: ${schemaOnly.length} (in ${schemaRoots.length} subtrees)`);
  for (const r of schemaRoots) lines.push(`  - ${r.path}${r.below ? `  (+${r.below} below)` : ''}`);
  lines.push(`schema paths inside a field the SDK leaves untyped (Record<string, any> or any): ${underUntyped.length}`);
  for (const p of underUntyped) lines.push(`  - ${p}  (SDK: ${untypedAncestor(p)} is ${sdkPaths.get(untypedAncestor(p)).tsType || sdkPaths.get(untypedAncestor(p)).kind})`);
  lines.push(`kind conflicts: ${conflicts.length}`);
  for (const c of conflicts) lines.push(`  - ${c}`);
  lines.push(`required in the schema, optional or nullable in the SDK: ${requiredButOptional.length}`);
  for (const c of requiredButOptional) lines.push(`  - ${c}`);
  return { lines, counts: { sdkOnly: sdkOnly.length, schemaOnly: schemaOnly.length, underUntyped: underUntyped.length, conflicts: conflicts.length, requiredButOptional: requiredButOptional.length } };
}

function buildComparison(repoRoot, matches, eventFieldsByHandler, versions) {
  const store = new SchemaStore();
  const out = [];
  out.push('# SDK field paths vs. the repository\'s schemas (schemas/backend_events/**)');
  out.push('# produced by `node tools/wix-sdk/extract.js --compare`; SDK versions in tests/fixtures/sdk/README.md');
  out.push(`# packages: ${versions}`);
  out.push('# paths: /* = array item, /{} = map value; $refs resolved; SDK paths below a recursion cut are not listed');
  out.push('# modifiedFields (SDK: Record<string, any>) has no typed paths');
  out.push('');
  const totals = { sdkOnly: 0, schemaOnly: 0, underUntyped: 0, conflicts: 0, requiredButOptional: 0 };
  for (const { repo, candidates } of matches) {
    out.push(`## ${repo.handler}  (${repo.schemaFile})`);
    if (candidates.length !== 1) {
      out.push('no SDK event; nothing to compare');
      out.push('');
      continue;
    }
    const schemaPaths = walkSchema(store, path.join(repoRoot, repo.schemaFile));
    const r = compareEvent(repo, eventFieldsByHandler.get(repo.handler), schemaPaths);
    out.push(...r.lines);
    out.push('');
    for (const k of Object.keys(totals)) totals[k] += r.counts[k];
  }
  out.push('## totals');
  out.push(`SDK paths the schemas lack: ${totals.sdkOnly}; schema paths the SDK lacks: ${totals.schemaOnly}; schema paths inside SDK-untyped fields: ${totals.underUntyped}; kind conflicts: ${totals.conflicts}; required in schema but optional/nullable in SDK: ${totals.requiredButOptional}`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function loadEverything(opts) {
  const ts = require(path.join(opts.nodeModules, 'typescript'));
  const pins = readPins();
  const repoEvents = loadRepoEvents(opts.repo);
  const eventPkgNames = [...new Set(Object.values(APP_PACKAGES).flat())].sort(byString);
  const pkgs = new Map();
  for (const name of eventPkgNames) pkgs.set(name, { ...loadPackage(opts.nodeModules, name, pins), isEventPackage: true });
  for (const name of ['@wix/sdk', '@wix/sdk-runtime', '@wix/sdk-types', 'typescript']) pkgs.set(name, { ...loadPackage(opts.nodeModules, name, pins), isEventPackage: false });
  const { program, checker } = createProgram(ts, eventPkgNames.map((n) => typingsEntry(pkgs.get(n))));
  const internal = createProgram(ts, eventPkgNames.map((n) => internalTypingsEntry(pkgs.get(n))));
  for (const name of eventPkgNames) {
    const pkg = pkgs.get(name);
    pkg.sdk = readSdkEvents(ts, checker, program, pkg, typingsEntry(pkg));
    pkg.sdkInternal = readSdkEvents(ts, internal.checker, internal.program, pkg, internalTypingsEntry(pkg));
    pkg.runtime = readRuntimeEvents(ts, pkg);
  }
  const renameMap = readRenameMap(opts.nodeModules);
  const matches = matchHandlers(repoEvents, pkgs);
  const classes = new Map();
  const eventFieldsByHandler = new Map();
  for (const { repo, candidates } of matches) {
    if (candidates.length !== 1) continue;
    const { pkg, ev } = candidates[0];
    classes.set(repo.handler, classifyEvent(ts, checker, ev, pkgs.get(pkg).runtime.get(repo.fn)));
    const pub = walkType(ts, checker, ev.envelope, renameMap);
    const intEv = pkgs.get(pkg).sdkInternal.get(repo.fn);
    const int = intEv ? walkType(ts, internal.checker, intEv.envelope, renameMap) : [];
    eventFieldsByHandler.set(repo.handler, mergeInternal(pub, int, repo.handler));
  }
  return { ts, checker, program, pins, repoEvents, pkgs, renameMap, matches, classes, eventFieldsByHandler };
}

function versionsLine(pkgs) {
  return [...pkgs.values()].map((p) => `${p.name}@${p.version}`).sort(byString).join(', ');
}

function buildOutputs(ctx, opts) {
  const { ts, checker, program, pkgs, renameMap, matches, classes, eventFieldsByHandler } = ctx;
  const out = new Output();
  out.json('events.json', buildEventsJson(matches, pkgs, classes));
  const eventFields = [];
  for (const { repo, candidates } of matches) {
    if (candidates.length !== 1) continue;
    const { pkg, ev } = candidates[0];
    const fields = eventFieldsByHandler.get(repo.handler);
    eventFields.push({ handler: repo.handler, pkg, fields });
    out.json(fieldsFileName(repo), {
      handler: repo.handler,
      package: pkg,
      version: pkgs.get(pkg).version,
      envelopeType: ev.envelopeType,
      maxDepth: MAX_DEPTH,
      fieldCount: fields.length,
      fields,
    });
  }
  out.json('fields/envelope-types.json', buildEnvelopeTypes(ts, pkgs, checker, program, renameMap));
  out.json('enums.json', buildEnumsJson(eventFields));
  const usedFns = new Map();
  for (const { repo, candidates } of matches) {
    if (candidates.length !== 1) continue;
    const rt = pkgs.get(candidates[0].pkg).runtime.get(repo.fn);
    for (const step of (rt && rt.pipeline) || []) {
      if (step.module) usedFns.set(step.fn, step.module);
      for (const t of step.transformations || []) usedFns.set(t.transformFn, t.module);
    }
  }
  const sources = readTransformFunctionSources(ts, opts.nodeModules, [...usedFns].sort((a, b) => byString(a[0], b[0])));
  out.json('transformations.json', buildTransformationsJson(matches, pkgs, eventFieldsByHandler, renameMap, sources));
  out.json('versions.json', Object.fromEntries([...pkgs.values()].map((p) => [p.name, p.version])));
  return out;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ctx = loadEverything(opts);
  const outDir = path.join(opts.repo, 'tests', 'fixtures', 'sdk');
  for (const f of SDK_FILES) if (!fs.existsSync(path.join(ctx.pkgs.get('@wix/sdk').dir, f))) throw new Error(`@wix/sdk has no ${f}: webhook.md needs rereading`);
  if (opts.mode === 'compare') {
    const out = new Output();
    out.text('comparison.txt', buildComparison(opts.repo, ctx.matches, ctx.eventFieldsByHandler, versionsLine(ctx.pkgs)));
    out.write(outDir);
    process.stdout.write(out.files.get('comparison.txt'));
    return;
  }
  const out = buildOutputs(ctx, opts);
  if (opts.mode === 'check') {
    out.text('comparison.txt', buildComparison(opts.repo, ctx.matches, ctx.eventFieldsByHandler, versionsLine(ctx.pkgs)));
    const stale = out.stale(outDir);
    if (stale.length) {
      console.error(`stale: ${stale.join(', ')}`);
      process.exit(1);
    }
    console.log(`${out.files.size} files up to date`);
    return;
  }
  out.write(outDir);
  const matched = ctx.matches.filter((m) => m.candidates.length === 1).length;
  console.log(`${ctx.matches.length} handlers, ${matched} matched; wrote ${out.files.size} files to ${path.relative(process.cwd(), outDir) || '.'}`);
}

main();
