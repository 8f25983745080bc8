/// What OCR read from an image.
public struct OCRResult: Sendable, Hashable, Codable {
  /// The recognised text, as shown to the user; verdict spans point into it.
  ///
  /// Tidied for reading: one line per text line, no empty lines, no leading or trailing
  /// whitespace, and no spaces Tesseract put between Chinese characters or punctuation.
  public var text: String
  /// Tesseract's mean word confidence, 0–100; 0 when no text was found.
  public var confidence: Double

  /// Creates a result.
  public init(text: String, confidence: Double) {
    self.text = text
    self.confidence = confidence
  }
}
