"use client";
// The pair on the shared canvas, in three views (a mode switcher, persisted): three-up (source |
// left | right), left vs right on the compare canvas (side by side, swipe, onion, difference,
// blink between the two edits), and each edit against the source. Zoom and pan are one view
// state shared by every view and kept from pair to pair.
import { useState } from "react";
import { CompareCanvas } from "@/components/compare/compare-canvas";
import { useCompareSettings } from "@/components/compare/use-compare-settings";
import { imageUrl } from "@/lib/browse/image-url";
import type { PairItem } from "@/lib/pairs/types";
import type { KeyScope } from "@/lib/keymap";
import { useStoredState } from "../hooks/use-stored-state";
import { ThreeUpCanvas } from "./three-up-canvas";

export const PAIR_VIEWS = [
  { id: "three-up", label: "Three-up", description: "Source, left and right edit side by side, zoom and pan locked" },
  { id: "left-right", label: "Left vs right", description: "The two edits on the compare canvas: swipe, onion skin, difference, blink" },
  { id: "vs-source", label: "Each vs source", description: "One edit against the source at a time, on the compare canvas" },
] as const;
export type PairView = (typeof PAIR_VIEWS)[number]["id"];
const VIEW_KEY = "ripe.pair-view";
const parseView = (raw: string | null): PairView => PAIR_VIEWS.find((entry) => entry.id === raw)?.id ?? "three-up";
export const PAIR_STAGE_ID = "pair-stage";

export type PairCanvasProps = { datasetId: number; item: PairItem; shortcutScopes: readonly KeyScope[] | null; height: string };

export function PairCanvas({ datasetId, item, shortcutScopes, height }: PairCanvasProps) {
  const compare = useCompareSettings("ripe.pair-compare");
  const [view, chooseView] = useStoredState(VIEW_KEY, parseView, String);
  const [against, setAgainst] = useState<"left" | "right">("left");
  const [leftCandidate, rightCandidate] = item.leftCandidateId === item.a.id ? [item.a, item.b] : [item.b, item.a];
  const source = {
    url: imageUrl(datasetId, item.sourceImage),
    label: item.promptChain && item.promptChain.length > 1 ? "original" : "source",
  };
  const left = { url: imageUrl(datasetId, leftCandidate.imagePath), label: "left edit" };
  const right = { url: imageUrl(datasetId, rightCandidate.imagePath), label: "right edit" };
  const testAttrs = { pairId: item.pairId, leftCandidateId: leftCandidate.id, rightCandidateId: rightCandidate.id, pairView: view };

  const switcher = (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Pair view" className="flex gap-1 rounded-md border border-neutral-800 bg-neutral-900 p-1">
        {PAIR_VIEWS.map((entry) => (
          <button
            key={entry.id}
            type="button"
            aria-pressed={view === entry.id}
            title={entry.description}
            data-pair-view-button={entry.id}
            onClick={() => chooseView(entry.id)}
            className={`rounded px-2 py-1 text-xs font-medium ${view === entry.id ? "bg-amber-500/15 text-amber-300" : "text-neutral-300 hover:bg-neutral-800"}`}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {view === "vs-source" && (
        <div
          role="group"
          aria-label="Edit compared with the source"
          className="flex gap-1 rounded-md border border-neutral-800 bg-neutral-900 p-1"
        >
          {(["left", "right"] as const).map((side) => (
            <button
              key={side}
              type="button"
              aria-pressed={against === side}
              onClick={() => setAgainst(side)}
              className={`rounded px-2 py-1 text-xs ${against === side ? "bg-neutral-700 text-neutral-100" : "text-neutral-400 hover:bg-neutral-800"}`}
            >
              {side === "left" ? "Left edit" : "Right edit"}
            </button>
          ))}
        </div>
      )}
    </div>
  );

  return (
    <div className="flex flex-col gap-2" data-pair-view={view}>
      {view === "three-up" ? (
        <ThreeUpCanvas
          stageId={PAIR_STAGE_ID}
          images={{ source, left, right }}
          view={compare.view}
          onViewChange={compare.setView}
          height={height}
          shortcutScopes={shortcutScopes}
          testAttrs={testAttrs}
          toolbar={switcher}
        />
      ) : (
        <>
          {switcher}
          <CompareCanvas
            stageId={PAIR_STAGE_ID}
            left={view === "left-right" ? left : source}
            right={view === "left-right" ? right : against === "left" ? left : right}
            mode={compare.mode}
            onModeChange={compare.setMode}
            view={compare.view}
            onViewChange={compare.setView}
            shortcutScopes={shortcutScopes}
            height={height}
          />
        </>
      )}
    </div>
  );
}
