"use client";
// The compare canvas: two images (usually source and edit) in one Konva stage, in five modes.
// Mode and view are lifted to the parent so they persist from item to item (see
// useCompareSettings); per-mode parameters (swipe split, onion opacity, blink pause) live here.
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { useKeymap, type KeymapHandlers } from "@/components/keymap/use-keymap";
import { commonFrame, type CommonFrame } from "@/lib/canvas/common-frame";
import { describeSize, type Size } from "@/lib/canvas/geometry";
import { COMPARE_MODES, DEFAULT_MODE_PARAMS, modeState, type CompareMode, type ModeParams } from "@/lib/canvas/modes";
import { panesFor } from "@/lib/canvas/panes";
import { isSameView, fitView, type ViewState } from "@/lib/canvas/view";
import { modeAction, type KeyScope } from "@/lib/keymap";
import { CanvasOverlays } from "./canvas-overlays";
import { ModeControls } from "./mode-controls";
import { ModeToolbar } from "./mode-toolbar";
import { SwipeHandle } from "./swipe-handle";
import { useBlink } from "./use-blink";
import { useDifference } from "./use-difference";
import { useElementSize } from "./use-element-size";
import { useLoadedImage } from "./use-loaded-image";
import { usePanGesture } from "./use-pan-gesture";
import { useViewController } from "./use-view-controller";

// Konva needs a DOM canvas: render the stage in the browser only.
const CompareStage = dynamic(() => import("./compare-stage").then((module) => module.CompareStage), {
  ssr: false,
  loading: () => <div className="flex h-full items-center justify-center text-sm text-neutral-500">Loading canvas…</div>,
});

export type CompareImage = { url: string; label: string };

export type CompareCanvasProps = {
  /** Stable id of the Konva stage, for e2e (window.Konva.stages). */
  stageId?: string;
  /** Usually the source. */
  left: CompareImage;
  /** Usually the edit; the common frame takes its shape. */
  right: CompareImage;
  mode: CompareMode;
  onModeChange: (mode: CompareMode) => void;
  view: ViewState;
  onViewChange: (view: ViewState) => void;
  /** Canvas height in px (or any CSS length); default 60vh. */
  height?: number | string;
  /**
   * The page's shortcut scopes in priority order, so the canvas resolves keys exactly like the
   * page does (on the pair page "1" is "prefer left", not a mode). null turns shortcuts off.
   */
  shortcutScopes?: readonly KeyScope[] | null;
  className?: string;
};

const DEFAULT_SCOPES: readonly KeyScope[] = ["canvas"];

/** "Sizes differ: source 768×512 (3:2) · edit 1024×1024 (1:1) — both fitted into one frame". */
function SizeLine({ layout, leftLabel, rightLabel }: { layout: CommonFrame; leftLabel: string; rightLabel: string }) {
  const { mismatch, source, edit } = layout;
  return (
    <p className={`text-xs ${mismatch.isSameSize ? "text-neutral-500" : "text-amber-300/90"}`} data-testid="size-mismatch">
      {mismatch.isSameSize
        ? `Same size: ${describeSize(edit.size)}`
        : `Sizes differ: ${leftLabel} ${describeSize(source.size)} · ${rightLabel} ${describeSize(edit.size)} — both fitted into one frame`}
    </p>
  );
}

function layoutFor(left: Size | null, right: Size | null, labels: { source: string; edit: string }): CommonFrame | null {
  if (left && right) return commonFrame(left, right, labels);
  const only = right ?? left;
  return only ? commonFrame(only, only, labels) : null;
}

export function CompareCanvas(props: CompareCanvasProps) {
  const {
    stageId = "compare-stage",
    left,
    right,
    mode,
    onModeChange,
    view,
    onViewChange,
    height,
    shortcutScopes = DEFAULT_SCOPES,
    className = "",
  } = props;
  const [containerRef, stageSize] = useElementSize<HTMLDivElement>();
  const leftImage = useLoadedImage(left.url);
  const rightImage = useLoadedImage(right.url);
  const [params, setParams] = useState<ModeParams>(DEFAULT_MODE_PARAMS);

  const layout = useMemo(
    () => layoutFor(leftImage.size, rightImage.size, { source: left.label, edit: right.label }),
    [leftImage.size, rightImage.size, left.label, right.label],
  );
  const panes = useMemo(() => panesFor(mode, stageSize), [mode, stageSize]);
  const paneViewport = useMemo(() => ({ width: panes[0].width, height: panes[0].height }), [panes]);
  const controller = useViewController(view, onViewChange, layout, paneViewport);
  const state = modeState(mode, params);
  const blink = useBlink(mode === "blink", params.blinkIntervalMs, params.isBlinkPaused);
  const bothLoaded = leftImage.status === "loaded" && rightImage.status === "loaded";
  const difference = useDifference(mode === "difference", leftImage.image, rightImage.image, bothLoaded ? layout : null);
  const pan = usePanGesture(controller.pan, controller.isReady);

  const handlers: KeymapHandlers = { "zoom-in": controller.zoomIn, "zoom-out": controller.zoomOut, "zoom-fit": controller.fit };
  for (const entry of COMPARE_MODES) handlers[modeAction(entry.id)] = () => onModeChange(entry.id);
  useKeymap(shortcutScopes, handlers);

  const testAttrs = {
    compareMode: mode,
    zoom: controller.view.zoom,
    centerX: controller.view.centerX,
    centerY: controller.view.centerY,
    pixelScale: controller.pixelScale,
    swipeSplit: params.swipeSplit,
    onionOpacity: params.onionOpacity,
    blinkSide: blink.side,
    isBlinkPaused: params.isBlinkPaused,
    leftStatus: leftImage.status,
    rightStatus: rightImage.status,
    meanDiff: difference.status === "ready" ? difference.stats.meanDiff : null,
    changedShare: difference.status === "ready" ? difference.stats.changedShare : null,
  };

  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <ModeToolbar
        mode={mode}
        onModeChange={onModeChange}
        pixelScale={controller.pixelScale}
        isFit={isSameView(controller.view, fitView())}
        canZoom={controller.isReady}
        onZoomIn={controller.zoomIn}
        onZoomOut={controller.zoomOut}
        onFit={controller.fit}
        onOneToOne={controller.oneToOne}
        shortcutScopes={shortcutScopes}
      />
      <div
        ref={containerRef}
        className={`relative w-full touch-none select-none overflow-hidden rounded-md border border-neutral-800 bg-neutral-950 ${pan.isPanning ? "cursor-grabbing" : "cursor-grab"}`}
        style={{ height: height ?? "60vh" }}
        data-compare-mode={mode}
        data-zoom={controller.view.zoom.toFixed(4)}
        {...pan.handlers}
      >
        {stageSize.width > 0 && stageSize.height > 0 && layout && (
          <CompareStage
            stageId={stageId}
            width={stageSize.width}
            height={stageSize.height}
            panes={panes}
            modeState={state}
            layout={layout}
            leftImage={leftImage.image}
            rightImage={rightImage.image}
            heatmap={difference.status === "ready" ? difference.canvas : null}
            blinkSide={blink.side}
            controller={controller}
            testAttrs={testAttrs}
          />
        )}
        <CanvasOverlays
          panes={panes}
          mode={mode}
          left={{ ...left, status: leftImage.status, failure: leftImage.status === "error" ? leftImage.failure : null }}
          right={{ ...right, status: rightImage.status, failure: rightImage.status === "error" ? rightImage.failure : null }}
          blinkSide={blink.side}
        />
        {state.mode === "swipe" && layout && (
          <SwipeHandle
            pane={panes[0]}
            split={state.split}
            onSplitChange={(swipeSplit) => setParams({ ...params, swipeSplit })}
            leftLabel={left.label}
            rightLabel={right.label}
          />
        )}
      </div>
      <ModeControls
        modeState={state}
        params={params}
        onParamsChange={setParams}
        difference={difference}
        blinkSide={blink.side}
        leftLabel={left.label}
        rightLabel={right.label}
      />
      {bothLoaded && layout && <SizeLine layout={layout} leftLabel={left.label} rightLabel={right.label} />}
    </div>
  );
}
