import CTesseract

/// Process-wide Leptonica settings.
enum Leptonica {
  /// Turns off Leptonica's messages on standard error ("Error in pixReadMem: …" for every
  /// non-image): Fangfei reports its own errors. Done once.
  static func quiet() { _ = once }

  private static let once: Void = {
    _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
  }()
}
