"use client";
// Konva stage of the three-up pair view: source, left and right edit under one view transform.
// It only draws and forwards wheel input; geometry is lib/pairs/three-up.ts and lib/canvas/view.ts.
// Loaded client-side only (next/dynamic) because Konva needs a DOM canvas.
import Konva from "konva";
import { useEffect, useRef } from "react";
import { Group, Image as KonvaImage, Layer, Rect, Stage } from "react-konva";
import type { FittedImage } from "@/lib/canvas/common-frame";
import { viewToStage } from "@/lib/canvas/view";
import { toEditPanePoint, type ThreeUpLayout, type ThreeUpPane, type ThreeUpSlot } from "@/lib/pairs/three-up";
import type { ViewController } from "@/components/compare/use-view-controller";
import { wheelZoomHandler } from "@/components/compare/wheel-zoom";

// e2e tests read window.Konva.stages to find the stage by id.
if (typeof window !== "undefined") window.Konva = Konva;

export type ThreeUpStageProps = {
  stageId: string;
  width: number;
  height: number;
  panes: readonly ThreeUpPane[];
  layout: ThreeUpLayout;
  images: Record<ThreeUpSlot, HTMLImageElement | null>;
  controller: ViewController;
  testAttrs: Record<string, string | number | boolean | null>;
};

export function ThreeUpStage({ stageId, width, height, panes, layout, images, controller, testAttrs }: ThreeUpStageProps) {
  const stageRef = useRef<Konva.Stage>(null);
  useEffect(() => {
    stageRef.current?.setAttrs(testAttrs);
  });
  // The controller's viewport is an edit pane; a point in the smaller source pane is scaled to it.
  const onWheel = wheelZoomHandler(panes, (factor, point, pane) => controller.zoomAt(factor, toEditPanePoint(pane, panes[1], point)));
  return (
    <Stage ref={stageRef} id={stageId} width={width} height={height} onWheel={onWheel}>
      <Layer listening={false}>
        {panes.map((pane) => {
          const transform = viewToStage(controller.view, { width: pane.width, height: pane.height }, layout.frame);
          const fitted: FittedImage | null = layout[pane.slot];
          const image = images[pane.slot];
          return (
            <Group key={pane.slot} x={pane.x} y={pane.y} clipX={0} clipY={0} clipWidth={pane.width} clipHeight={pane.height}>
              <Group x={transform.x} y={transform.y} scaleX={transform.scale} scaleY={transform.scale}>
                <Rect x={0} y={0} width={layout.frame.width} height={layout.frame.height} fill="#171717" />
                {fitted && image && (
                  <KonvaImage image={image} x={fitted.rect.x} y={fitted.rect.y} width={fitted.rect.width} height={fitted.rect.height} />
                )}
              </Group>
            </Group>
          );
        })}
      </Layer>
    </Stage>
  );
}
