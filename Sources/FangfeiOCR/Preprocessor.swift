import CTesseract

/// Turns a decoded photo into what Tesseract reads best. Measured on corpus/samples/flyer-*.png
/// (scripts/render-flyers.py), character accuracy against the source text, Tesseract 5.3 chi_sim,
/// page segmentation mode 3:
/// - Background flattening: the uneven-light photo (background from 245 down to about 70) reads
///   at 75% without it and 97% with it. `pixBackgroundNormMorph` (reduction 4, closing 15) is kept:
///   it matches `pixBackgroundNormSimple` on the lighting (97%) and beats it on the speckled,
///   tilted photo (97% against 95%) and the coloured one (98% against 96%); its background
///   estimate needs no absolute foreground threshold, so a dark corner is not taken for text.
///   `pixBackgroundNormFlex` was worse on the noisy photo (90% against 94% in mode 6).
/// - Deskew: the 3.5° tilt is found (`pixFindSkew` confidence 2.8) and corrected here;
///   `pixFindSkewAndDeskew` does not rotate below confidence 3, and without the rotation the
///   layout analysis lost the last three lines of the tilted photo once (61%).
/// - Scale: the flyers are about 900 px wide with 31 px characters; scaling them up to 1400 px
///   lowered confidence (90 → 87) and accuracy (tilted photo 97% → 85%), so only images under
///   1000 px are scaled up, and large ones down to 4 megapixels.
enum Preprocessor {
  /// Images are scaled down to at most this many pixels (bounds time and memory; about
  /// 2300 × 1700, which leaves Chinese characters of a flyer photo 30–60 px high).
  static let maximumPixels = 4_000_000
  /// Images whose longer side is shorter than this are scaled up to it (at most 3×): Tesseract
  /// wants characters at least about 20 px high.
  static let minimumLongSide = 1000
  /// The skew below which the image is left as it is, in degrees.
  static let minimumSkew: Float = 0.5
  /// The `pixFindSkew` confidence needed to deskew.
  static let minimumSkewConfidence: Float = 2

  /// Grey, scaled, flattened and deskewed; resolution set to 300 ppi (so that Tesseract does not
  /// guess one and say so on standard error).
  static func prepare(_ decoded: Pix) -> Pix {
    var image = decoded
    // Transparent pixels often hold black: put the image on white first.
    if image.depth == 32 && image.samplesPerPixel == 4 {
      image = image.replaced { pixAlphaBlendUniform($0, 0xFFFF_FF00) }
    }
    if image.depth != 8 || pixGetColormap(image.pointer) != nil {
      image = image.replaced { pixConvertTo8($0, 0) }
    }
    let pixels = image.width * image.height
    let longSide = max(image.width, image.height)
    if pixels > maximumPixels {
      let factor = Float((Double(maximumPixels) / Double(pixels)).squareRoot())
      image = image.replaced { pixScale($0, factor, factor) }
    } else if longSide < minimumLongSide && longSide > 0 {
      let factor = Float(min(3, Double(minimumLongSide) / Double(longSide)))
      image = image.replaced { pixScale($0, factor, factor) }
    }
    image = image.replaced { pixBackgroundNormMorph($0, nil, 4, 15, 200) }
    image = deskewed(image)
    pixSetResolution(image.pointer, 300, 300)
    return image
  }

  /// The image rotated upright when its text lines are measurably tilted.
  static func deskewed(_ image: Pix) -> Pix {
    guard let binary = Pix(pixConvertTo1(image.pointer, 130)) else { return image }
    var angle: Float = 0
    var confidence: Float = 0
    guard pixFindSkew(binary.pointer, &angle, &confidence) == 0, abs(angle) >= minimumSkew,
      confidence >= minimumSkewConfidence
    else { return image }
    return image.replaced {
      pixRotate($0, angle * .pi / 180, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)
    }
  }
}
