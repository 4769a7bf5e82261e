import { parse } from '@babel/parser';

/**
 * Finds words written into the extension's code instead of the message catalogue (locales/): text
 * between JSX tags, and string or template literals that read as words a person is shown (two words
 * or more, or one capitalised word). Not counted: message keys (the first argument of t and tCount),
 * module names, types, property names, CSS, selectors and event names, comparisons (what a page is
 * matched against), errors thrown for developers and console output. A literal that is words but not
 * ours to show (a site's own wording the extension looks for, a technical name) is marked with an
 * `i18n-ignore: why` comment before its statement or property, on its line or the line above, or a
 * file-wide `i18n-ignore-file: why`.
 */
export interface Literal {
  line: number;
  text: string;
}

type Node = { type: string; start: number; end: number; loc: { start: { line: number } }; [key: string]: unknown };

const SKIP_CALLS = new Set(['querySelector', 'querySelectorAll', 'closest', 'matches', 'addEventListener', 'removeEventListener', 'createElement', 'setAttribute', 'getAttribute', 'hasAttribute', 'removeAttribute', 'Error', 'TypeError', 'RangeError', 'log', 'warn', 'error', 'info', 'debug', 'describe']);
/** Attributes and option names whose values are never words for a person: classes, roles, keys. */
const NOT_WORDS = /^(class|className|style|id|for|htmlFor|type|role|name|href|src|rel|target|key|ref|lang|dir|autocomplete|inputMode|pattern|aria-keyshortcuts|aria-live|Authorization|Accept|data-[\w-]+)$/;
const propertyName = (key: Node): string => String(key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : '');
const TYPE_CONTEXTS = new Set(['TSLiteralType', 'ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression', 'TSImportType', 'TSExternalModuleReference', 'TSEnumMember']);

/** Words a person would read: two words or more, or one capitalised word; not CSS, a selector, a path or a URL. */
export function readsAsWords(text: string): boolean {
  const trimmed = text.trim();
  if (!/[A-Za-z]{2,}/.test(trimmed)) return false;
  if (/[{};]|^[.#[*:]|^\/|^[a-z]+:\/\/|^[\w-]+="/.test(trimmed)) return false;
  if (/\b[A-Za-z][a-z’']*[,.:!?…)]?\s+[(“"']?[A-Za-z]/.test(trimmed)) return true;
  return /^[A-Z][a-z]{2,}[.!?…]?$/.test(trimmed);
}

function calleeName(node: Node): string | undefined {
  const callee = node.callee as Node | undefined;
  if (!callee) return undefined;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier') return (callee.property as Node).name as string;
  return undefined;
}

function skipped(node: Node, parent: Node | undefined, ancestors: Node[]): boolean {
  if (!parent) return false;
  if (TYPE_CONTEXTS.has(parent.type)) return true;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassProperty' || parent.type === 'TSPropertySignature') && parent.key === node) return true;
  if (parent.type === 'MemberExpression' && parent.property === node) return true;
  if (parent.type === 'AssignmentExpression' && parent.right === node && NOT_WORDS.test(propertyName(((parent.left as Node).property ?? {}) as Node))) return true;
  if (parent.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator as string)) return true;
  if (parent.type === 'SwitchCase' && parent.test === node) return true;
  const attribute = ancestors.findLast((ancestor) => ancestor.type === 'JSXAttribute');
  if (attribute && NOT_WORDS.test(String((attribute.name as Node).name))) return true;
  if (parent.type === 'ObjectProperty' && parent.value === node && NOT_WORDS.test(propertyName(parent.key as Node))) return true;
  for (const ancestor of ancestors) {
    // super(...) in an Error subclass: a message for developers.
    if (ancestor.type === 'CallExpression' && (ancestor.callee as Node).type === 'Super') return true;
    if (ancestor.type === 'CallExpression' || ancestor.type === 'NewExpression') {
      const name = calleeName(ancestor);
      // Message keys: t's first argument, tCount's first two. Its other arguments are checked.
      const keys = name === 't' ? 1 : name === 'tCount' ? 2 : 0;
      if ((ancestor.arguments as Node[]).slice(0, keys).includes(node)) return true;
      if (name && SKIP_CALLS.has(name)) return true;
    }
    if (ancestor.type === 'ThrowStatement' || ancestor.type === 'TSTypeAnnotation' || ancestor.type === 'TSTypeAliasDeclaration' || ancestor.type === 'TSInterfaceDeclaration') return true;
  }
  return false;
}

/** The literals of one source file that read as words and are not marked. */
export function findLiterals(source: string, fileName: string): Literal[] {
  if (/i18n-ignore-file:/.test(source)) return [];
  const ast = parse(source, { sourceType: 'module', plugins: fileName.endsWith('.tsx') ? ['typescript', 'jsx'] : ['typescript'], errorRecovery: false });
  const lines = source.split('\n');
  const marked = (line: number) => /i18n-ignore:/.test(lines[line - 1] ?? '') || /i18n-ignore:/.test(lines[line - 2] ?? '');
  const found: Literal[] = [];
  const report = (node: Node, text: string) => {
    const line = node.loc.start.line;
    if (!marked(line)) found.push({ line, text: text.trim().slice(0, 100) });
  };
  const visit = (node: Node, ancestors: Node[]) => {
    // A marked statement or property is skipped whole.
    if ((node.leadingComments as { value: string }[] | undefined)?.some((comment) => comment.value.includes('i18n-ignore:'))) return;
    const parent = ancestors[ancestors.length - 1];
    if (node.type === 'JSXText') {
      if (/[A-Za-z]{2,}/.test(node.value as string)) report(node, node.value as string);
    } else if (node.type === 'StringLiteral' || node.type === 'DirectiveLiteral') {
      if (readsAsWords(node.value as string) && !skipped(node, parent, ancestors)) report(node, node.value as string);
    } else if (node.type === 'TemplateLiteral') {
      const quasis = (node.quasis as Node[]).map((quasi) => (quasi.value as { cooked: string }).cooked);
      // A filled-in value reads as a word: `Replaces ${sid} now` is words.
      if (readsAsWords(quasis.join('x')) && !skipped(node, parent, ancestors)) report(node, quasis.join('…'));
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key.endsWith('Comments')) continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === 'object' && typeof (child as Node).type === 'string') visit(child as Node, [...ancestors, node]);
      } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') visit(value as Node, [...ancestors, node]);
    }
  };
  visit(ast.program as unknown as Node, []);
  return found;
}
