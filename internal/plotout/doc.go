// Package plotout writes the figures of the analyses that read finished
// runs (scenario discovery, robustness): a drawing on a canvas of a given
// size in centimetres becomes a PNG (300 dpi), SVG or PDF file, written
// atomically. PNG and SVG bytes are the same from run to run; PDF embeds its
// creation time. Colours are Okabe & Ito's colour-blind-safe palette.
package plotout
