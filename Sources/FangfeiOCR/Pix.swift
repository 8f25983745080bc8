import CTesseract

/// An owned Leptonica image: destroyed when the last reference goes. Never shared between
/// threads while in use (each read owns its own images).
final class Pix {
  /// The Leptonica image.
  let pointer: UnsafeMutablePointer<PIX>

  /// Takes ownership of `pointer`; nil when Leptonica returned none.
  init?(_ pointer: UnsafeMutablePointer<PIX>?) {
    guard let pointer else { return nil }
    self.pointer = pointer
  }

  deinit {
    var p: UnsafeMutablePointer<PIX>? = pointer
    pixDestroy(&p)
  }

  var width: Int { Int(pixGetWidth(pointer)) }
  var height: Int { Int(pixGetHeight(pointer)) }
  var depth: Int { Int(pixGetDepth(pointer)) }
  var samplesPerPixel: Int { Int(pixGetSpp(pointer)) }

  /// The result of `transform` on this image, or this image when `transform` returns none
  /// (Leptonica gives up on images too small for a filter, say: the step is then skipped).
  func replaced(by transform: (UnsafeMutablePointer<PIX>) -> UnsafeMutablePointer<PIX>?) -> Pix {
    Pix(transform(pointer)) ?? self
  }
}
