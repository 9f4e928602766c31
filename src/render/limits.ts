import type { Surface } from './reply';

/** Block Kit's limits (docs, plus the undocumented ~12k total that fails as msg_blocks_too_long). */
export const LIMITS = {
  blocks: { message: 50, modal: 100, home: 100, unfurl: 50 },
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  modalTitle: 24,
  /** An input block's label and hint (the Run again form). */
  inputLabel: 2000,
  inputHint: 2000,
  /** A plain_text_input's value, initial or typed. */
  inputValue: 3000,
  privateMetadata: 3000,
  fallbackText: 40_000,
  /** Our own ceiling for all block text in one message, well under where Slack starts to refuse. */
  messageTotalText: 11_000,
} as const;

type Json = Record<string, unknown>;

function textOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && typeof (value as Json).text === 'string'
    ? ((value as Json).text as string)
    : undefined;
}

function checkLength(problems: string[], where: string, value: string | undefined, max: number, min = 0): void {
  if (value === undefined) return;
  if (value.length > max) problems.push(`${where}: ${value.length} characters, over ${max}`);
  if (value.trim().length < min) problems.push(`${where}: empty`);
}

function collectText(value: unknown, into: string[]): void {
  if (Array.isArray(value))
    value.forEach((item) => {
      collectText(item, into);
    });
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') into.push(inner);
      else collectText(inner, into);
    }
  }
}

function checkElement(problems: string[], where: string, element: Json): void {
  checkLength(problems, `${where}.action_id`, element.action_id as string | undefined, LIMITS.actionId);
  if (element.type === 'button') {
    checkLength(problems, `${where}.text`, textOf(element.text), LIMITS.buttonText, 1);
    checkLength(problems, `${where}.value`, element.value as string | undefined, LIMITS.buttonValue);
    checkLength(problems, `${where}.url`, element.url as string | undefined, LIMITS.buttonUrl);
  }
  if (element.type === 'plain_text_input')
    checkLength(problems, `${where}.initial_value`, element.initial_value as string | undefined, LIMITS.inputValue);
}

function checkBlock(problems: string[], where: string, block: Json): void {
  checkLength(problems, `${where}.block_id`, block.block_id as string | undefined, LIMITS.blockId);
  switch (block.type) {
    case 'header':
      checkLength(problems, `${where}.text`, textOf(block.text), LIMITS.headerText, 1);
      break;
    case 'section': {
      const fields = (block.fields as Json[] | undefined) ?? [];
      if (block.text === undefined && fields.length === 0) problems.push(`${where}: a section needs text or fields`);
      checkLength(problems, `${where}.text`, textOf(block.text), LIMITS.sectionText, block.text === undefined ? 0 : 1);
      if (fields.length > LIMITS.sectionFields)
        problems.push(`${where}.fields: ${fields.length}, over ${LIMITS.sectionFields}`);
      fields.forEach((field, i) => {
        checkLength(problems, `${where}.fields[${i}]`, textOf(field), LIMITS.fieldText, 1);
      });
      if (block.accessory) checkElement(problems, `${where}.accessory`, block.accessory as Json);
      break;
    }
    case 'context': {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length < 1 || elements.length > LIMITS.contextElements)
        problems.push(`${where}.elements: ${elements.length}, not 1..${LIMITS.contextElements}`);
      elements.forEach((element, i) => {
        checkLength(problems, `${where}.elements[${i}]`, textOf(element), LIMITS.sectionText, 1);
      });
      break;
    }
    case 'actions': {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length < 1 || elements.length > LIMITS.actionsElements)
        problems.push(`${where}.elements: ${elements.length}, not 1..${LIMITS.actionsElements}`);
      elements.forEach((element, i) => {
        checkElement(problems, `${where}.elements[${i}]`, element);
      });
      break;
    }
    case 'input':
      checkLength(problems, `${where}.label`, textOf(block.label), LIMITS.inputLabel, 1);
      checkLength(problems, `${where}.hint`, textOf(block.hint), LIMITS.inputHint);
      checkElement(problems, `${where}.element`, block.element as Json);
      break;
    case 'divider':
      break;
    default:
      problems.push(`${where}: block type ${String(block.type)} is not one this bot uses`);
  }
}

/**
 * Every way a message or modal breaks Block Kit's limits; empty when it fits.
 * The render tests, the end-to-end tests and the CLI's --json tests all check through this one function.
 */
export function blockKitProblems(
  payload: { text?: unknown; blocks?: unknown; title?: unknown; private_metadata?: unknown },
  surface: Surface = 'message',
): string[] {
  const problems: string[] = [];
  const blocks = Array.isArray(payload.blocks) ? (payload.blocks as Json[]) : [];
  if (!Array.isArray(payload.blocks)) problems.push('blocks: missing');
  if (blocks.length > LIMITS.blocks[surface]) problems.push(`blocks: ${blocks.length}, over ${LIMITS.blocks[surface]}`);
  blocks.forEach((block, i) => {
    checkBlock(problems, `blocks[${i}]`, block);
  });
  const ids = blocks.map((block) => block.block_id).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) problems.push('block_id: not unique');
  if (surface === 'message') {
    if (typeof payload.text !== 'string' || payload.text.trim() === '')
      problems.push('text: the plain fallback is missing');
    else checkLength(problems, 'text', payload.text, LIMITS.fallbackText);
  }
  if (surface === 'message' || surface === 'unfurl') {
    const all: string[] = [];
    collectText(blocks, all);
    const total = all.reduce((sum, text) => sum + text.length, 0);
    if (total > LIMITS.messageTotalText)
      problems.push(`blocks: ${total} characters of text in all, over ${LIMITS.messageTotalText}`);
  }
  if (surface === 'modal') checkLength(problems, 'title', textOf(payload.title), LIMITS.modalTitle, 1);
  if (surface === 'modal' || surface === 'home')
    checkLength(problems, 'private_metadata', payload.private_metadata as string | undefined, LIMITS.privateMetadata);
  return problems;
}
