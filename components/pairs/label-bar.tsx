"use client";
// The label buttons, with their keys read from the KEYMAP table (what the buttons say is what
// the keys do). The current pair's own label, if any, is highlighted.
import { Kbd } from "@/components/keymap/kbd";
import { KEYMAP, type ActionId } from "@/lib/keymap";
import type { ScreenChoice } from "@/lib/pairs/sides";

const BUTTONS: { action: ActionId; choice: ScreenChoice | "undo"; tone: string }[] = [
  { action: "prefer-left", choice: "left", tone: "bg-sky-500/15 text-sky-200 hover:bg-sky-500/25 ring-sky-500/30" },
  { action: "prefer-right", choice: "right", tone: "bg-sky-500/15 text-sky-200 hover:bg-sky-500/25 ring-sky-500/30" },
  { action: "tie", choice: "tie", tone: "bg-neutral-800 text-neutral-200 hover:bg-neutral-700 ring-neutral-700" },
  { action: "both-bad", choice: "both_bad", tone: "bg-red-500/10 text-red-200 hover:bg-red-500/20 ring-red-500/30" },
  { action: "skip", choice: "skip", tone: "bg-neutral-900 text-neutral-400 hover:bg-neutral-800 ring-neutral-800" },
  { action: "undo", choice: "undo", tone: "bg-neutral-900 text-neutral-400 hover:bg-neutral-800 ring-neutral-800" },
];

export type LabelBarProps = {
  onChoose: (choice: ScreenChoice) => void;
  onUndo: () => void;
  canUndo: boolean;
  current: ScreenChoice | null;
  isDisabled: boolean;
};

export function LabelBar({ onChoose, onUndo, canUndo, current, isDisabled }: LabelBarProps) {
  return (
    <div className="grid grid-cols-3 gap-2 xl:grid-cols-2" role="group" aria-label="Label this pair">
      {BUTTONS.map(({ action, choice, tone }) => {
        const entry = KEYMAP.find((item) => item.id === action)!;
        const isCurrent = choice !== "undo" && choice === current;
        const disabled = choice === "undo" ? !canUndo : isDisabled;
        const state = `${tone} ${isCurrent ? "outline outline-2 outline-amber-400" : ""} ${action.startsWith("prefer") ? "py-3" : ""}`;
        return (
          <button
            key={action}
            type="button"
            data-label-button={choice}
            title={entry.description}
            disabled={disabled}
            onClick={() => (choice === "undo" ? onUndo() : onChoose(choice))}
            className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm font-medium ring-1 disabled:cursor-not-allowed disabled:opacity-40 ${state}`}
          >
            <span className="whitespace-nowrap">{entry.label}</span>
            <span className="flex shrink-0 gap-1 whitespace-nowrap">
              {entry.keys.map((spec) => (
                <Kbd key={spec} spec={spec} />
              ))}
            </span>
          </button>
        );
      })}
    </div>
  );
}
