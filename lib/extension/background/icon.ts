/**
 * The toolbar icon's "off" look: the same drawing in grey, fainter. Made at run time from the
 * bundled icon (public/icon/), so there is one drawing to maintain.
 */

/** How opaque the off icon is, relative to the normal one. */
export const OFF_ALPHA = 0.55;
/** Grey level the colours are pulled towards (0..255): a mid grey that reads on light and dark toolbars. */
export const OFF_GREY = 128;
/** How much of the original lightness contrast is kept. */
export const OFF_CONTRAST = 0.6;

/** Turns RGBA pixels (in place) into the off look: grey, less contrast, fainter. */
export function greyPixels(data: Uint8ClampedArray): Uint8ClampedArray {
  for (let i = 0; i + 3 < data.length; i += 4) {
    const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    const v = Math.round(OFF_GREY + (luma - OFF_GREY) * OFF_CONTRAST);
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = Math.round(data[i + 3] * OFF_ALPHA);
  }
  return data;
}
