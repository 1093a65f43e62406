// The demo's single-turn edit requests: photo, the two instructions, the edit type and the real
// image operation that produced the passing candidate, plus the failed attempts that preceded a
// pass on retry (they become preference negatives, as in Pico-Banana). A few passing outputs
// carry a planted flaw so an auditor has judge mistakes to find; `flaw` names it.
import { chain, type Operation } from "./image-ops";
import { addText, backgroundFrom, cleanRegion, moveDisc, outpaint, pasteCutout, postcardFrame, scaleDisc, stretchTo, sunglasses, zoomIn } from "./ops-compose";
import { recolor, removeDarkSpecks } from "./ops-pixels";
import { cartoon, celShade, comic, inkSketch, pencil, vanGogh } from "./ops-style";
import { autumn, blurAll, fluorescent, goldenHour, historical, overdone, storm, sunrise, toneShift, vintage, winter } from "./ops-tone";

export type Attempt = { operation: Operation; flaw: string; quality?: number };

export type DemoRequest = {
  photo: string;
  editType: string;
  text: string;
  /** Omitted: the short instruction equals the long one (as in some real rows). */
  summary?: string;
  /** An operation on the photo, or another photo copied byte for byte (the real edit pair). */
  operation: Operation | { verbatim: string };
  quality?: number;
  rejected?: Attempt[];
  flaw?: string;
};

const ladybirdCutout = { photo: "ladybird.jpg", from: { x: 0.645, y: 0.43, width: 0.115, height: 0.18 } };
const butterflyCutout = { photo: "butterfly.jpg", from: { x: 0.0, y: 0.2, width: 1.0, height: 0.68 } };

export const DEMO_REQUESTS: DemoRequest[] = [
  // Pixel & Photometric
  {
    photo: "aerial-view.jpg",
    editType: "Change overall color tone (warm ↔ cool)",
    text: "Shift the overall color tone of the aerial view toward a cool, crisp blue palette, cooling the " +
      "rooftops, the green parkland and the water while keeping the street layout, the fine detail of the " +
      "buildings and the natural contrast of the scene unchanged.",
    summary: "Give the aerial town view a cool blue tone.",
    operation: toneShift("cool", 1.3),
  },
  {
    photo: "coffee-cup.jpg",
    editType: "Change overall color tone (warm ↔ cool)",
    text: "Warm up the whole photograph of the espresso cup with a rich amber cast, deepening the reds of the " +
      "saucer and the honey tones of the wooden table, as if lit by late afternoon café light, without " +
      "altering the cup, the spoon or the framing.",
    summary: "Make the espresso photo warmer and more amber.",
    operation: toneShift("warm", 1.4),
    rejected: [{ operation: toneShift("warm", 0.06), flaw: "no visible change (under-edit)" }],
  },
  {
    photo: "sand-dune.jpg",
    editType: "Add film grain or vintage filter",
    text: "Apply a faded 1970s vintage film look to the dune landscape, with softly lifted blacks, a warm " +
      "sepia-leaning color balance, visible fine film grain across the sky and grasses, and a gentle " +
      "darkening vignette toward the corners.",
    summary: "Give the dune photo a faded 70s film look with grain.",
    operation: vintage({ grain: 28, vignette: 0.5 }),
  },
  {
    photo: "yellow-flower.jpg",
    editType: "Add film grain or vintage filter",
    text: "Give the close-up of the yellow flower the look of an old expired film print, muting the saturated " +
      "yellows toward mustard, adding coarse but even grain and a soft vignette, while keeping the petals " +
      "and the flower center crisp and recognizable.",
    summary: "Old expired film look with coarse grain.",
    operation: vintage({ grain: 34, vignette: 0.45, sepia: 0.45 }),
    rejected: [
      { operation: overdone, flaw: "over-edited: colours destroyed" },
      { operation: vintage({ grain: 30, vignette: 0.45 }), quality: 4, flaw: "heavy JPEG block artifacts" },
    ],
  },
  // Object-Level Semantic
  {
    photo: "ela-original.jpg",
    editType: "Add a new object to the scene",
    text: "Add a small cartoon penguin sticker, the classic seated Tux with a white belly, yellow beak and " +
      "yellow feet, to the left half of the black notebook cover, flat and matte so it looks printed on the " +
      "cover, keeping the green elastic band and the page edges untouched.",
    summary: "Put a Tux penguin sticker on the notebook cover.",
    operation: { verbatim: "ela-modified.jpg" },
  },
  {
    photo: "ela-modified.jpg",
    editType: "Remove an existing object",
    text: "Remove the penguin sticker from the black notebook cover, seamlessly continuing the dark, slightly " +
      "textured surface of the cover where the sticker was, with no outline, shadow or color residue left " +
      "behind, and keep the elastic band and pages exactly as they are.",
    summary: "Remove the penguin sticker from the notebook.",
    operation: { verbatim: "ela-original.jpg" },
  },
  {
    photo: "green-meadow.jpg",
    editType: "Add a new object to the scene",
    text: "Add a single small red ladybird with black spots climbing near the tip of one of the grass blades in " +
      "the upper middle of the meadow, scaled naturally to the blades and lit by the same soft daylight, so " +
      "it looks like a macro photograph of a real insect.",
    summary: "Add a small ladybird on a grass blade.",
    operation: pasteCutout({ ...ladybirdCutout, at: { x: 0.58, y: 0.34 }, width: 0.1 }),
    rejected: [{ operation: pasteCutout({ ...ladybirdCutout, at: { x: 0.04, y: 0.93 }, width: 0.3 }), flaw: "wrong region and scale: huge insect cut off at the corner" }],
  },
  {
    photo: "yellow-flower.jpg",
    editType: "Add a new object to the scene",
    text: "Place a black-and-white swallowtail butterfly with open wings resting on the upper petals of the " +
      "yellow flower, angled slightly toward the camera, matching the shallow depth of field and the warm " +
      "sunlight falling on the petals.",
    summary: "Add a swallowtail butterfly on the flower petals.",
    operation: pasteCutout({ ...butterflyCutout, at: { x: 0.42, y: 0.32 }, width: 0.3, rotate: -12 }),
  },
  {
    photo: "palace.jpg",
    editType: "Remove an existing object",
    text: "Remove all the small dark birds flying in the blue sky to the left of the palace, filling each spot " +
      "with the surrounding sky gradient and cloud texture so the sky looks clear and undisturbed, while " +
      "leaving the towers, domes and ornaments of the palace untouched.",
    summary: "Remove the flying birds from the sky.",
    operation: chain(
      ...[
        { x: 0, y: 0, width: 0.46, height: 0.6 },
        { x: 0.46, y: 0, width: 0.23, height: 0.3 },
        { x: 0.46, y: 0.3, width: 0.06, height: 0.08 },
        { x: 0, y: 0.6, width: 0.17, height: 0.4 },
      ].map((region) => removeDarkSpecks(region, { threshold: 12, backgroundMedian: 21 })),
    ),
    rejected: [{ operation: cleanRegion({ x: 0, y: 0, width: 0.2, height: 0.2 }, 3), flaw: "birds still there (under-edit)" }],
  },
  {
    photo: "ladybird.jpg",
    editType: "Replace one object category with another",
    text: "Replace the ladybird sitting on the grass stem with a small black-and-white swallowtail butterfly " +
      "perched in the same spot, its wings half open, keeping the blurred blue forget-me-nots and the green " +
      "bokeh background exactly as they are.",
    summary: "Swap the ladybird for a small butterfly.",
    operation: pasteCutout({ ...butterflyCutout, at: { x: 0.7, y: 0.5 }, width: 0.2 }),
  },
  {
    photo: "motorcycle.jpg",
    editType: "Change an object's attribute (e.g., color/material)",
    text: "Change the color of the motorcycle's red fuel tank, side cover and fenders to a deep metallic cobalt " +
      "blue, preserving the glossy reflections and highlights of the paint, and leave the chrome, the tires " +
      "and the cluttered garage background unchanged.",
    summary: "Repaint the red motorcycle cobalt blue.",
    operation: recolor({ hue: 2, hueWidth: 26, minSaturation: 0.45, toHue: 220, saturationScale: 1.05, valueScale: 0.85, region: { x: 0.03, y: 0.15, width: 0.92, height: 0.75 } }),
    rejected: [{ operation: toneShift("cool", 2.2), flaw: "wrong region: whole photo tinted blue, bike still red" }],
  },
  {
    photo: "candies.jpg",
    editType: "Change an object's attribute (e.g., color/material)",
    text: "Turn the two green candies purple.",
    operation: recolor({ hue: 125, hueWidth: 40, minSaturation: 0.35, toHue: 285, saturationScale: 1.0, valueScale: 0.9 }),
  },
  {
    photo: "candies.jpg",
    editType: "Relocate an object (change its position/spatial relation)",
    text: "Move the blue candy from the top right corner to the empty white area in the upper left of the " +
      "picture, keeping its size, its glossy highlight and its soft shadow, and fill the place where it was " +
      "with the same clean white background.",
    summary: "Move the top-right blue candy to the upper left.",
    operation: moveDisc({ x: 0.915, y: 0.225, radius: 0.065 }, { x: 0.2, y: 0.2 }),
  },
  {
    photo: "candies.jpg",
    editType: "Change the size/shape/orientation of an object",
    text: "Make the orange candy in the middle of the group about twice as large while keeping its round shape, " +
      "glossy surface and position, so that it slightly overlaps the candies around it in a natural way.",
    summary: "Make the orange candy twice as big.",
    operation: scaleDisc({ x: 0.497, y: 0.59, radius: 0.063 }, 1.8),
  },
  // Scene Composition & Multi-Subject
  {
    photo: "candies.jpg",
    editType: "Add new scene context/background",
    text: "Replace the plain white background behind the scattered candies with a lush, sunlit green lawn seen " +
      "from above, so the candies appear to lie on fresh grass, keeping every candy's color, shape and " +
      "position unchanged.",
    summary: "Put the candies on a green lawn.",
    operation: backgroundFrom("green-meadow.jpg"),
  },
  {
    photo: "green-meadow.jpg",
    editType: "Apply seasonal transformation (summer ↔ winter)",
    text: "Transform the lush summer meadow into a frosty winter scene, turning the vivid green grass pale and " +
      "frost-covered with a cold blue cast, adding gently falling snowflakes and a light dusting of snow, " +
      "while keeping the shapes of the blades recognizable.",
    summary: "Turn the summer meadow into winter.",
    operation: winter({ snowflakes: 260 }),
  },
  {
    photo: "garden.jpg",
    editType: "Apply seasonal transformation (summer ↔ winter)",
    text: "Turn the summery garden scene into autumn, recoloring the green foliage and background into warm " +
      "orange, russet and golden tones typical of October, while keeping the red flower in the foreground " +
      "and the soft depth of field unchanged.",
    summary: "Make the garden look autumnal.",
    operation: autumn,
    rejected: [
      { operation: winter({ snowflakes: 120 }), flaw: "wrong season: winter instead of autumn" },
      { operation: blurAll(6), flaw: "smeared: everything blurred, no seasonal change" },
    ],
  },
  {
    photo: "sand-dune.jpg",
    editType: "Change weather conditions (sunny/rainy/snowy)",
    text: "Turn the sunny day into a dark rainy storm.",
    operation: storm({ rain: true }),
  },
  {
    photo: "street-leuven.jpg",
    editType: "Change weather conditions (sunny/rainy/snowy)",
    text: "Make it snow in the old brick street: add steadily falling snowflakes of different sizes throughout " +
      "the scene, a cold grey-blue winter light and a pale frosty haze, while keeping the gabled houses, " +
      "windows and cobblestones sharp and in place.",
    summary: "Make it snow in the brick street.",
    operation: winter({ snowflakes: 420 }),
  },
  {
    photo: "building.jpg",
    editType: "Change weather conditions (sunny/rainy/snowy)",
    text: "Change the clear weather around the white office building into a heavy rain shower, darkening the " +
      "sky, desaturating the lawn and trees, and adding diagonal streaks of rain falling across the whole " +
      "frame, with the building itself kept intact.",
    summary: "Heavy rain around the office building.",
    operation: storm({ rain: true }),
    rejected: [{ operation: storm({ rain: true }), quality: 3, flaw: "heavy JPEG block artifacts" }],
  },
  {
    photo: "palace.jpg",
    editType: "Adjust global lighting (golden hour/fluorescent)",
    text: "Relight the palace as if photographed at golden hour, bathing the yellow facade, the domes and the " +
      "towers in low, warm sunlight coming from the right, deepening the blue sky slightly toward dusk and " +
      "adding soft warm highlights on the ornaments.",
    summary: "Golden-hour light on the palace.",
    operation: goldenHour(1),
  },
  {
    photo: "coffee-cup.jpg",
    editType: "Adjust global lighting (golden hour/fluorescent)",
    text: "Relight the café table with the flat, slightly greenish light of overhead fluorescent tubes, " +
      "reducing the warm contrast of the wood, cooling the highlights on the cup and saucer and giving the " +
      "whole scene an office-kitchen feel.",
    summary: "Cool fluorescent office lighting on the café table.",
    operation: fluorescent(0.12),
    flaw: "barely visible change (under-edit) that the metrics judge cannot recognise as such",
  },
  {
    photo: "rocket-launch.jpg",
    editType: "Adjust global lighting (golden hour/fluorescent)",
    text: "Change the lighting of the launch pad scene to a warm sunrise, with a golden glow rising from the " +
      "horizon on the right, warm highlights on the rocket and the towers, and the night-blue sky " +
      "brightening toward orange near the ground.",
    summary: "Sunrise light over the launch pad.",
    operation: sunrise,
  },
  // Stylistic
  {
    photo: "street-leuven.jpg",
    editType: "Strong artistic style transfer (e.g., Van Gogh/anime/etc.)",
    text: "Repaint the old street in the style of Vincent van Gogh's The Starry Night, with thick swirling " +
      "impasto brush strokes, vibrant blues and yellows in the sky and expressive, rhythmic texture on the " +
      "brick facades and cobblestones, keeping the layout of the houses recognizable.",
    summary: "Van Gogh Starry Night style for the street.",
    operation: vanGogh(1),
  },
  {
    photo: "building.jpg",
    editType: "Strong artistic style transfer (e.g., Van Gogh/anime/etc.)",
    text: "Transform the photograph of the modern building into a post-impressionist oil painting in the manner " +
      "of Van Gogh, with visible swirling brush strokes in the sky, heightened blues and greens, and " +
      "painterly texture on the facade and lawn.",
    summary: "Make the building a Van Gogh-style painting.",
    operation: vanGogh(1),
    rejected: [{ operation: vanGogh(0.08), flaw: "style barely applied (under-edit)" }],
  },
  {
    photo: "cat-chelsea.jpg",
    editType: "Photo to cartoon/sketch/comic",
    text: "Convert the close-up photo of the tabby cat into a clean cartoon illustration with flat areas of " +
      "color, simplified fur patterns, bold dark outlines around the eyes, ears and muzzle, and bright, " +
      "friendly colors.",
    summary: "Cartoon version of the tabby cat.",
    operation: cartoon({ levels: 6, lineThreshold: 0.09, saturation: 1.2 }),
  },
  {
    photo: "squirrel.jpg",
    editType: "Photo to cartoon/sketch/comic",
    text: "Redraw the squirrel on the branch as a soft graphite pencil sketch on white paper, with fine " +
      "hatching for the fur, light shading on the branch and the leaves suggested with a few loose strokes.",
    summary: "Pencil sketch of the squirrel.",
    operation: pencil,
  },
  {
    photo: "motorcycle.jpg",
    editType: "Photo to cartoon/sketch/comic",
    text: "Render the motorcycle in the garage as a bold comic book panel, with saturated flat colors, strong " +
      "black ink contours around the bike, and simplified shading on the shelves and boxes in the " +
      "background.",
    summary: "Comic book panel of the motorcycle.",
    operation: comic,
    quality: 9,
    flaw: "visible JPEG block artifacts (the stylisation hides them from a casual look)",
  },
  {
    photo: "street-leuven.jpg",
    editType: "Modern ↔ historical style/look",
    text: "Make the photograph of the brick street look like it was taken around 1900, as a faded sepia-toned " +
      "print with soft focus, coarse silver grain, a few fine vertical scratches and darkened corners, as " +
      "found in an old family album.",
    summary: "Make the street look like an 1900s sepia print.",
    operation: historical({ tone: "sepia", scratches: 9 }),
  },
  {
    photo: "rocket-launch.jpg",
    editType: "Modern ↔ historical style/look",
    text: "Give the rocket on the launch pad the look of a 1960s black-and-white press photograph, with neutral " +
      "grey tones, visible grain, slightly soft detail and a subtle vignette, as if from the early days of " +
      "the space race.",
    summary: "1960s black-and-white press photo look.",
    operation: historical({ tone: "neutral", scratches: 3 }),
  },
  // Text & Symbol
  {
    photo: "coffee-cup.jpg",
    editType: "Add new (handwritten/printed/etc) text",
    text: "Add the words \"Good morning\" in a cream-colored, slightly slanted handwritten style on the empty " +
      "wooden table surface in the upper right corner, as if written with chalk marker, without covering " +
      "the cup or the saucer.",
    summary: "Write \"Good morning\" on the table.",
    operation: addText({ text: "Good morning", x: 0.82, y: 0.1, size: 0.075, font: "DejaVu Serif", italic: true, fill: "#f4ead2", rotate: -6, opacity: 0.92 }),
  },
  {
    photo: "storm-sky.jpg",
    editType: "Add new (handwritten/printed/etc) text",
    text: "Add the printed headline \"STORM WARNING\" in bold white capital letters with a thin dark outline, " +
      "centered across the dark clouds in the upper part of the image, large enough to read at a glance.",
    summary: "Add a bold \"STORM WARNING\" headline.",
    operation: addText({ text: "STORM WARNING", x: 0.5, y: 0.3, size: 0.12, font: "DejaVu Sans", weight: "bold", fill: "#ffffff", stroke: "#1b1f27" }),
    rejected: [
      { operation: addText({ text: "STORM WARNNG", x: 0.96, y: 0.98, size: 0.05, font: "DejaVu Sans", fill: "#c8c8c8", anchor: "end" }), flaw: "wrong region, tiny and misspelled" },
    ],
  },
  {
    photo: "sand-dune.jpg",
    editType: "Add new (handwritten/printed/etc) text",
    text: "Write \"Wish you were here\" across the blue sky in white handwritten letters.",
    operation: addText({ text: "Wish you were here", x: 0.5, y: 0.2, size: 0.1, font: "DejaVu Serif", italic: true, fill: "#ffffff", rotate: -4 }),
  },
  // Human-Centric
  {
    photo: "astronaut.jpg",
    editType: "Add/Remove/Replace Accessories (glasses, hats, jewelry, masks)",
    text: "Add a pair of dark, rounded aviator-style sunglasses to the astronaut's face, sitting naturally on " +
      "the nose and covering both eyes, with a subtle reflection on the lenses, while keeping her smile, " +
      "hair and the spacesuit unchanged.",
    summary: "Give the astronaut dark sunglasses.",
    operation: sunglasses({ x: 0.392, y: 0.205 }, { x: 0.482, y: 0.205 }, 0.08),
    rejected: [{ operation: sunglasses({ x: 0.7, y: 0.8 }, { x: 0.79, y: 0.8 }, 0.08), flaw: "wrong region: glasses float over the helmet" }],
  },
  {
    photo: "astronaut.jpg",
    editType: "Clothing edit (change color/outfit)",
    text: "Change the color of the astronaut's orange flight suit to a deep navy blue, keeping the folds, " +
      "stitching, mission patches and name tag intact, and leave her face, the helmet and the flag in the " +
      "background unchanged.",
    summary: "Make the orange suit navy blue.",
    operation: recolor({ hue: 18, hueWidth: 22, minSaturation: 0.5, minValue: 0.25, toHue: 222, saturationScale: 0.85, valueScale: 0.62, region: { x: 0, y: 0.4, width: 0.74, height: 0.6 } }),
  },
  {
    photo: "astronaut.jpg",
    editType: "Line-art ink sketch of the person",
    text: "Turn the portrait of the astronaut into a clean black ink line drawing on white paper, outlining her " +
      "face, hair, the suit's collar ring, the patches and the helmet with confident contour lines and no " +
      "shading or color.",
    summary: "Black ink line art of the astronaut.",
    operation: inkSketch,
  },
  {
    photo: "astronaut.jpg",
    editType: "Convert person to Western comic cel-shaded style",
    text: "Render the astronaut as a Western comic book character with cel shading: flat, bold color areas with " +
      "two or three tone steps, thick black contour lines around the face, hair and suit, and a punchy, " +
      "saturated palette.",
    summary: "Cel-shaded comic version of the astronaut.",
    operation: celShade,
  },
  // Scale
  {
    photo: "cat-chelsea.jpg",
    editType: "Zoom in",
    text: "Zoom in closely on the tabby cat's eyes, framing both green-yellow eyes and the bridge of the nose, with the fur texture sharp and detailed.",
    summary: "Close-up of the cat's eyes.",
    operation: zoomIn({ x: 0.22, y: 0.2, width: 0.62, height: 0.42 }),
    rejected: [{ operation: zoomIn({ x: 0.0, y: 0.55, width: 0.45, height: 0.45 }), flaw: "wrong crop: lower corner, no eyes" }],
  },
  {
    photo: "butterfly.jpg",
    editType: "Zoom in",
    text: "Zoom in on the butterfly's head and upper body, showing the antennae, the eyes and the black-and-white patterned base of the wings in detail.",
    summary: "Zoom in on the butterfly's head.",
    operation: zoomIn({ x: 0.3, y: 0.06, width: 0.38, height: 0.46 }),
  },
  {
    photo: "dragonfly.jpg",
    editType: "Zoom in",
    text: "Zoom in on the two feathery dandelion seeds against the blurred orange flowers, filling most of the frame with their fine white filaments.",
    operation: zoomIn({ x: 0.3, y: 0.18, width: 0.55, height: 0.55 }),
  },
  {
    photo: "graffiti-wall.jpg",
    editType: "Zoom in",
    text: "Zoom in on the painted character wearing goggles in the middle of the graffiti wall, centering its face and the camera it holds.",
    summary: "Zoom in on the goggled character's face.",
    operation: zoomIn({ x: 0.0, y: 0.55, width: 0.42, height: 0.42 }),
    flaw: "wrong crop: bottom-left corner of the wall instead of the character",
  },
  // Spatial/Layout
  {
    photo: "storm-sky.jpg",
    editType: "Outpainting (extend canvas beyond boundaries)",
    text: "Extend the canvas to a wide 2:1 panorama on both sides, continuing the dark storm clouds, the bright " +
      "band of light on the horizon and the blurred landscape below so that the new areas blend seamlessly " +
      "with the original.",
    summary: "Widen the storm photo into a panorama.",
    operation: outpaint(2),
  },
  {
    photo: "squirrel.jpg",
    editType: "Outpainting (extend canvas beyond boundaries)",
    text: "Outpaint the image upward and downward into a 4:5 portrait frame, adding more of the leafy canopy " +
      "above the squirrel and more of the branch and foliage below, matching the light and the soft " +
      "background blur.",
    summary: "Extend the squirrel photo to a portrait frame.",
    operation: outpaint(0.8),
    rejected: [{ operation: stretchTo(0.8), flaw: "stretched instead of extended: squirrel distorted" }],
  },
  {
    photo: "fruits.jpg",
    editType: "Outpainting (extend canvas beyond boundaries)",
    text: "Extend the still life of citrus fruits to a 16:9 frame by continuing the table, the kiwi and the " +
      "dark background on the left and right sides, keeping the lighting and the colors consistent.",
    summary: "Extend the fruit still life to 16:9.",
    operation: outpaint(16 / 9),
  },
  // Not in the taxonomy: kept and shown as unknown, never dropped.
  {
    photo: "palace.jpg",
    editType: "Make it look like a postcard",
    text: "Make the photo of the palace look like a vintage travel postcard, with a cream-colored border, " +
      "slightly faded warm colors and the greeting \"Greetings from the Palace\" printed in bold italic " +
      "letters along the bottom.",
    summary: "Turn the palace photo into a vintage postcard.",
    operation: chain(vintage({ grain: 12, vignette: 0.25, sepia: 0.35 }), postcardFrame("Greetings from the Palace")),
  },
];
