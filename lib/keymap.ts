// Keyboard shortcuts as data. The one KEYMAP table drives the handlers (useKeymap) and the `?`
// help overlay, so what the overlay shows is what the keys do.
//
// Scopes decide conflicts: a page passes its scopes in priority order, and the first scope with
// an entry for the key wins. On the pair page (["pair", "canvas", "global"]) ArrowLeft and 1
// mean "prefer left"; on the item page (["item", "canvas", "global"]) ArrowLeft is "previous"
// and 1 is the first compare mode.
import { COMPARE_MODES, type CompareMode } from "./canvas/modes";

export const KEY_SCOPES = ["item", "pair", "canvas", "global"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const KEY_SCOPE_LABELS: Record<KeyScope, string> = {
  item: "Reviewing an item",
  pair: "Labelling a pair",
  canvas: "Compare canvas",
  global: "Everywhere",
};

type Entry = {
  id: string;
  /** "a", "ArrowRight", "mod+z" (Ctrl or ⌘), "+", "Escape". Shift is ignored unless written. */
  keys: readonly string[];
  label: string;
  scope: KeyScope;
  description: string;
  /** Held-down auto-repeat fires again (navigation, zoom); decisions never repeat. */
  isRepeatable?: boolean;
  /** Still fires while typing in a field (Escape closes a dialog from anywhere). */
  isAllowedInFields?: boolean;
};

const modeEntries = COMPARE_MODES.map((mode) => ({
  id: `mode-${mode.id}` as `mode-${CompareMode}`,
  keys: [mode.key],
  label: mode.label,
  scope: "canvas" as const,
  description: mode.description,
}));

export const KEYMAP = [
  { id: "accept", keys: ["a"], label: "Accept", scope: "item", description: "Accept this edit" },
  { id: "reject", keys: ["r"], label: "Reject", scope: "item", description: "Reject this edit" },
  { id: "unsure", keys: ["u"], label: "Unsure", scope: "item", description: "Mark as unsure" },
  { id: "next", keys: ["j", "ArrowRight"], label: "Next", scope: "item", description: "Go to the next item", isRepeatable: true },
  {
    id: "previous",
    keys: ["k", "ArrowLeft"],
    label: "Previous",
    scope: "item",
    description: "Go to the previous item",
    isRepeatable: true,
  },
  { id: "prefer-left", keys: ["ArrowLeft", "1"], label: "Prefer left", scope: "pair", description: "The left candidate is better" },
  { id: "prefer-right", keys: ["ArrowRight", "2"], label: "Prefer right", scope: "pair", description: "The right candidate is better" },
  { id: "tie", keys: ["t"], label: "Tie", scope: "pair", description: "Both are equally good" },
  { id: "both-bad", keys: ["b"], label: "Both bad", scope: "pair", description: "Neither candidate is acceptable" },
  { id: "skip", keys: ["s"], label: "Skip", scope: "pair", description: "Skip this pair without a label" },
  ...modeEntries,
  { id: "zoom-in", keys: ["+", "="], label: "Zoom in", scope: "canvas", description: "Zoom in about the centre", isRepeatable: true },
  { id: "zoom-out", keys: ["-"], label: "Zoom out", scope: "canvas", description: "Zoom out about the centre", isRepeatable: true },
  { id: "zoom-fit", keys: ["0"], label: "Fit", scope: "canvas", description: "Fit the whole frame in view" },
  { id: "undo", keys: ["z", "mod+z"], label: "Undo", scope: "global", description: "Undo the last decision" },
  { id: "help", keys: ["?"], label: "Shortcuts", scope: "global", description: "Show this list of shortcuts" },
  { id: "close", keys: ["Escape"], label: "Close", scope: "global", description: "Close the open dialog", isAllowedInFields: true },
] as const satisfies readonly Entry[];

export type KeymapEntry = (typeof KEYMAP)[number];
export type ActionId = KeymapEntry["id"];

/** The parts of a KeyboardEvent that matching needs, so tests can pass plain objects. */
export type KeyEventLike = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target?: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
};

/** Inputs that take no typed text: shortcuts keep working after clicking one (a checkbox, a button). */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

type KeySpec = { key: string; isMod: boolean; isCtrl: boolean; isMeta: boolean; isAlt: boolean; isShift: boolean };

/** "mod+z" → key "z" with the mod flag; "+" and "mod++" keep "+" as the key. */
export function parseKeySpec(spec: string): KeySpec {
  const match = /^((?:(?:mod|ctrl|meta|alt|shift)\+)*)(.+)$/i.exec(spec);
  const modifiers = (match?.[1] ?? "").toLowerCase();
  const key = match?.[2] ?? spec;
  return {
    key,
    isMod: modifiers.includes("mod+"),
    isCtrl: modifiers.includes("ctrl+"),
    isMeta: modifiers.includes("meta+"),
    isAlt: modifiers.includes("alt+"),
    isShift: modifiers.includes("shift+"),
  };
}

function normaliseKey(key: string): string {
  return key.length === 1 ? key.toLowerCase() : key;
}

export function specMatches(spec: string, event: KeyEventLike): boolean {
  const parsed = parseKeySpec(spec);
  if (normaliseKey(parsed.key) !== normaliseKey(event.key)) return false;
  const ctrl = !!event.ctrlKey;
  const meta = !!event.metaKey;
  if (parsed.isMod) {
    if (!(ctrl || meta)) return false;
  } else if (ctrl !== parsed.isCtrl || meta !== parsed.isMeta) {
    return false; // plain "r" must not swallow Ctrl+R (reload)
  }
  if (!!event.altKey !== parsed.isAlt) return false;
  // Shift is part of typing "?" or "+", so it only matters when the spec names it.
  if (parsed.isShift && !event.shiftKey) return false;
  return true;
}

/** Typing in a field, select or contenteditable must not trigger shortcuts. */
export function isTypingTarget(target: KeyEventLike["target"]): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? "").toUpperCase();
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  return tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable === true;
}

/** The action for a key press within `scopes` (priority order), or null. */
export function matchKey(event: KeyEventLike, scopes: readonly KeyScope[]): ActionId | null {
  if (event.defaultPrevented || event.isComposing) return null;
  const isTyping = isTypingTarget(event.target);
  for (const scope of scopes) {
    for (const entry of KEYMAP as readonly Entry[]) {
      if (entry.scope !== scope || !entry.keys.some((spec) => specMatches(spec, event))) continue;
      if (isTyping && !entry.isAllowedInFields) return null;
      if (event.repeat && !entry.isRepeatable) return null;
      return entry.id as ActionId;
    }
  }
  return null;
}

export function entriesForScopes(scopes: readonly KeyScope[]): { scope: KeyScope; entries: KeymapEntry[] }[] {
  return scopes.map((scope) => ({ scope, entries: KEYMAP.filter((entry) => entry.scope === scope) }));
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: "←",
  ArrowRight: "→",
  ArrowUp: "↑",
  ArrowDown: "↓",
  Escape: "Esc",
  " ": "Space",
  Enter: "Enter",
};

/** "mod+z" → "Ctrl/⌘ + Z", "ArrowLeft" → "←", "a" → "A". */
export function formatKey(spec: string): string {
  const parsed = parseKeySpec(spec);
  const parts: string[] = [];
  if (parsed.isMod) parts.push("Ctrl/⌘");
  if (parsed.isCtrl) parts.push("Ctrl");
  if (parsed.isMeta) parts.push("⌘");
  if (parsed.isAlt) parts.push("Alt");
  if (parsed.isShift) parts.push("Shift");
  parts.push(KEY_NAMES[parsed.key] ?? (parsed.key.length === 1 ? parsed.key.toUpperCase() : parsed.key));
  return parts.join(" + ");
}

export function modeAction(mode: CompareMode): `mode-${CompareMode}` {
  return `mode-${mode}`;
}
