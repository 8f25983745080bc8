/// Why an image could not be read. Every message is one line, in Chinese and English.
public enum OCRError: Error, Sendable, Equatable {
  /// The bytes are not an image Fangfei reads (PNG, JPEG, WebP, TIFF, BMP, GIF, PNM, JPEG 2000),
  /// are empty, damaged or truncated, or describe an image too large to decode. The message says
  /// what was seen (for data that is not an image: its first bytes and what they look like).
  case notAnImage(String)
  /// The Tesseract model could not be loaded (language data missing, say).
  case modelUnavailable(String)
  /// Recognition failed inside Tesseract.
  case recognitionFailed(String)
}

extension OCRError: CustomStringConvertible {
  /// The message, for people.
  public var description: String {
    switch self {
    case .notAnImage(let message), .modelUnavailable(let message), .recognitionFailed(let message):
      return message
    }
  }
}
