/**
 * Block Kit as Slack checks it on chat.postMessage / chat.update /
 * chat.postEphemeral (`blocks`) and views.open/push/update/publish (`view`).
 * Limits from Slack's Block Kit reference; each problem is reported the way
 * Slack reports it: `[ERROR] <what> [json-pointer:/path]`.
 */
type Json = Record<string, any>;

export const blockKitLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  options: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  placeholder: 150,
  textObject: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const L = blockKitLimits;

class Problems {
  readonly list: string[] = [];
  add(pointer: string, what: string): void {
    this.list.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text object: `plain_text` where Slack requires it, 1..max characters. */
function checkText(p: Problems, v: unknown, at: string, max: number, plainOnly = false): void {
  if (!isObject(v)) {
    p.add(at, 'must provide an object');
    return;
  }
  if (v.type !== 'plain_text' && v.type !== 'mrkdwn') {
    p.add(`${at}/type`, `must be one of plain_text, mrkdwn`);
    return;
  }
  if (plainOnly && v.type !== 'plain_text') {
    p.add(`${at}/type`, 'must be plain_text');
    return;
  }
  if (typeof v.text !== 'string') {
    p.add(`${at}/text`, 'must provide a string');
    return;
  }
  if (v.text.length === 0) p.add(`${at}/text`, 'must be more than 0 characters');
  if (v.text.length > max) p.add(`${at}/text`, `must be less than ${max + 1} characters`);
  if (v.type === 'mrkdwn' && 'emoji' in v) p.add(`${at}/emoji`, 'field not allowed for mrkdwn');
}

function checkString(p: Problems, v: unknown, at: string, max: number, required = false): void {
  if (v === undefined && !required) return;
  if (typeof v !== 'string') {
    p.add(at, 'must provide a string');
    return;
  }
  if (v.length > max) p.add(at, `must be less than ${max + 1} characters`);
}

function checkArray(p: Problems, v: unknown, at: string, min: number, max: number): v is unknown[] {
  if (!Array.isArray(v)) {
    p.add(at, 'must provide an array');
    return false;
  }
  if (v.length < min) p.add(at, `must provide at least ${min} items`);
  if (v.length > max) p.add(at, `no more than ${max} items allowed`);
  return true;
}

function checkConfirm(p: Problems, v: unknown, at: string): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    p.add(at, 'must provide an object');
    return;
  }
  checkText(p, v.title, `${at}/title`, L.confirmTitle, true);
  checkText(p, v.text, `${at}/text`, L.confirmText);
  checkText(p, v.confirm, `${at}/confirm`, L.confirmButton, true);
  checkText(p, v.deny, `${at}/deny`, L.confirmButton, true);
}

function checkOption(p: Problems, v: unknown, at: string, plainOnly: boolean): void {
  if (!isObject(v)) {
    p.add(at, 'must provide an object');
    return;
  }
  checkText(p, v.text, `${at}/text`, L.optionText, plainOnly);
  checkString(p, v.value, `${at}/value`, L.optionValue, true);
  if (v.description !== undefined) checkText(p, v.description, `${at}/description`, L.optionDescription, plainOnly);
  checkString(p, v.url, `${at}/url`, L.url);
}

function checkOptions(p: Problems, v: Json, at: string, plainOnly: boolean, min = 1, max: number = L.options): void {
  if (v.options !== undefined && checkArray(p, v.options, `${at}/options`, min, max)) {
    v.options.forEach((o, i) => {
      checkOption(p, o, `${at}/options/${i}`, plainOnly);
    });
  }
  if (v.option_groups !== undefined && checkArray(p, v.option_groups, `${at}/option_groups`, 1, L.options)) {
    v.option_groups.forEach((g, i) => {
      const gAt = `${at}/option_groups/${i}`;
      if (!isObject(g)) {
        p.add(gAt, 'must provide an object');
        return;
      }
      checkText(p, g.label, `${gAt}/label`, L.optionText, true);
      if (checkArray(p, g.options, `${gAt}/options`, 1, L.options))
        g.options.forEach((o, j) => {
          checkOption(p, o, `${gAt}/options/${j}`, true);
        });
    });
  }
  if (v.initial_option !== undefined) checkOption(p, v.initial_option, `${at}/initial_option`, plainOnly);
}

const selectTypes = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const elementTypes = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'image',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  'workflow_button',
  ...selectTypes,
  ...selectTypes.map((t) => `multi_${t}`),
]);

/** Elements that only act, never hold a value: Slack refuses them as an input block's element. */
const notInInput = new Set(['button', 'overflow', 'image', 'workflow_button']);

/** An interactive element (or image) inside a section, actions, input or context block. */
function checkElement(p: Problems, e: unknown, at: string): void {
  if (!isObject(e)) {
    p.add(at, 'must provide an object');
    return;
  }
  if (!elementTypes.has(e.type)) {
    p.add(`${at}/type`, `unsupported type: ${String(e.type)}`);
    return;
  }
  if (e.type === 'image') {
    checkString(p, e.image_url, `${at}/image_url`, L.url, e.slack_file === undefined);
    checkString(p, e.alt_text, `${at}/alt_text`, 2000, true);
    return;
  }
  checkString(p, e.action_id, `${at}/action_id`, L.actionId);
  checkConfirm(p, e.confirm, `${at}/confirm`);
  if (e.placeholder !== undefined) checkText(p, e.placeholder, `${at}/placeholder`, L.placeholder, true);
  if (e.type === 'button') {
    checkText(p, e.text, `${at}/text`, L.buttonText, true);
    checkString(p, e.value, `${at}/value`, L.buttonValue);
    checkString(p, e.url, `${at}/url`, L.url);
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
      p.add(`${at}/style`, 'must be one of primary, danger');
  } else if (e.type === 'static_select' || e.type === 'multi_static_select') {
    if (e.options === undefined && e.option_groups === undefined)
      p.add(`${at}/options`, 'must provide options or option_groups');
    checkOptions(p, e, at, true);
  } else if (e.type === 'overflow') {
    checkOptions(p, e, at, true, 1, 5);
  } else if (e.type === 'radio_buttons' || e.type === 'checkboxes') {
    checkOptions(p, e, at, false, 1, 10);
  } else if (e.type === 'plain_text_input') {
    if (e.max_length !== undefined && (typeof e.max_length !== 'number' || e.max_length > 3000))
      p.add(`${at}/max_length`, 'must be at most 3000');
    checkString(p, e.initial_value, `${at}/initial_value`, typeof e.max_length === 'number' ? e.max_length : 3000);
  }
}

function checkBlock(p: Problems, b: unknown, at: string, blockIds: Set<string>): void {
  if (!isObject(b)) {
    p.add(at, 'must provide an object');
    return;
  }
  if (b.block_id !== undefined) {
    checkString(p, b.block_id, `${at}/block_id`, L.blockId);
    if (typeof b.block_id === 'string' && blockIds.has(b.block_id))
      p.add(`${at}/block_id`, `duplicate block_id: ${b.block_id}`);
    if (typeof b.block_id === 'string') blockIds.add(b.block_id);
  }
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) p.add(at, 'must provide text or fields');
      if (b.text !== undefined) checkText(p, b.text, `${at}/text`, L.sectionText);
      if (b.fields !== undefined && checkArray(p, b.fields, `${at}/fields`, 1, L.sectionFields)) {
        b.fields.forEach((f, i) => {
          checkText(p, f, `${at}/fields/${i}`, L.sectionFieldText);
        });
      }
      if (b.accessory !== undefined) checkElement(p, b.accessory, `${at}/accessory`);
      return;
    case 'header':
      checkText(p, b.text, `${at}/text`, L.headerText, true);
      return;
    case 'context':
      if (!checkArray(p, b.elements, `${at}/elements`, 1, L.contextElements)) return;
      b.elements.forEach((e, i) => {
        const eAt = `${at}/elements/${i}`;
        if (isObject(e) && e.type === 'image') checkElement(p, e, eAt);
        else checkText(p, e, eAt, L.textObject);
      });
      return;
    case 'actions':
      if (!checkArray(p, b.elements, `${at}/elements`, 1, L.actionsElements)) return;
      b.elements.forEach((e, i) => {
        checkElement(p, e, `${at}/elements/${i}`);
      });
      return;
    case 'input':
      checkText(p, b.label, `${at}/label`, L.inputLabel, true);
      if (b.hint !== undefined) checkText(p, b.hint, `${at}/hint`, L.inputHint, true);
      if (!isObject(b.element)) {
        p.add(`${at}/element`, 'must provide an object');
        return;
      }
      if (notInInput.has(b.element.type)) {
        p.add(`${at}/element/type`, `unsupported type in an input block: ${String(b.element.type)}`);
        return;
      }
      checkElement(p, b.element, `${at}/element`);
      return;
    case 'image':
      checkString(p, b.image_url, `${at}/image_url`, L.url, b.slack_file === undefined);
      checkString(p, b.alt_text, `${at}/alt_text`, 2000, true);
      if (b.title !== undefined) checkText(p, b.title, `${at}/title`, 2000, true);
      return;
    case 'divider':
    case 'rich_text':
    case 'file':
    case 'video':
    case 'markdown':
      return;
    default:
      p.add(`${at}/type`, `unsupported type: ${String(b.type)}`);
  }
}

function checkBlocks(p: Problems, blocks: unknown, at: string, surface: 'message' | 'view'): void {
  if (!checkArray(p, blocks, at, 0, surface === 'message' ? L.messageBlocks : L.viewBlocks)) return;
  const ids = new Set<string>();
  (blocks as unknown[]).forEach((b, i) => {
    checkBlock(p, b, `${at}/${i}`, ids);
  });
}

/** Problems with a message's `blocks` argument, in Slack's wording; empty when Slack would accept it. */
export function validateMessageBlocks(blocks: unknown): string[] {
  const p = new Problems();
  checkBlocks(p, typeof blocks === 'string' ? parseOr(blocks, p, '/blocks') : blocks, '/blocks', 'message');
  return p.list;
}

/** Problems with a `view` argument (modal or home tab); empty when Slack would accept it. */
export function validateView(view: unknown): string[] {
  const p = new Problems();
  const v = typeof view === 'string' ? parseOr(view, p, '/view') : view;
  if (!isObject(v)) {
    if (p.list.length === 0) p.add('/view', 'must provide an object');
    return p.list;
  }
  if (v.type !== 'modal' && v.type !== 'home') p.add('/view/type', 'must be one of modal, home');
  checkString(p, v.private_metadata, '/view/private_metadata', L.privateMetadata);
  checkString(p, v.callback_id, '/view/callback_id', L.callbackId);
  if (v.type === 'modal') {
    checkText(p, v.title, '/view/title', L.modalTitle, true);
    if (v.submit !== undefined) checkText(p, v.submit, '/view/submit', L.modalButton, true);
    if (v.close !== undefined) checkText(p, v.close, '/view/close', L.modalButton, true);
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && v.submit === undefined)
      p.add('/view/submit', 'must provide submit when the view has an input block');
  }
  checkBlocks(p, v.blocks, '/view/blocks', 'view');
  return p.list;
}

function parseOr(raw: string, p: Problems, at: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    p.add(at, 'must provide valid JSON');
    return undefined;
  }
}
