import CTesseract
import Fangfei

/// What OCR read from an image.
public struct OCRResult: Sendable, Hashable, Codable {
  /// The recognised text, as shown to the user; verdict spans point into it.
  public var text: String
  /// Tesseract's mean word confidence, 0–100.
  public var confidence: Double

  /// Creates a result.
  public init(text: String, confidence: Double) {
    self.text = text
    self.confidence = confidence
  }
}

/// Why an image could not be read.
public enum OCRError: Error, Sendable, Equatable {
  /// The bytes are not an image format Leptonica can decode (the message says what was seen).
  case notAnImage(String)
  /// The Tesseract model could not be loaded (language data missing, say).
  case modelUnavailable(String)
  /// Recognition failed inside Tesseract.
  case recognitionFailed(String)
}

/// The answer for a photographed flyer: what was read, and either a verdict on it or a request
/// to take the photo again.
public struct ImageCheck: Sendable, Hashable, Codable {
  /// The OCR text and its confidence.
  public var ocr: OCRResult
  /// True when the confidence is below the threshold: the answer is "请重拍" and `verdict` is nil.
  public var retake: Bool
  /// The verdict on `ocr.text` (spans point into it), unless a retake is asked for.
  public var verdict: Verdict?

  /// Creates an answer.
  public init(ocr: OCRResult, retake: Bool, verdict: Verdict?) {
    self.ocr = ocr
    self.retake = retake
    self.verdict = verdict
  }
}

/// Reads flyers with Tesseract (`chi_sim`). The model is loaded once; `engines` handles allow
/// that many recognitions at the same time (each call blocks its thread while it runs).
///
/// CONTRACT STUB: the implementation is being written; the signatures are fixed.
public final class FlyerReader: Sendable {
  /// The default confidence below which ``check(_:with:minimumConfidence:)`` asks for a retake.
  public static let defaultMinimumConfidence: Double = 55

  /// Loads the model.
  /// - Parameters:
  ///   - language: Tesseract language, `chi_sim` by default.
  ///   - dataPath: The tessdata folder, or nil for Tesseract's default.
  ///   - engines: How many recognitions may run at once (one model copy each).
  public init(language: String = "chi_sim", dataPath: String? = nil, engines: Int = 1) throws(OCRError) {
    throw .modelUnavailable("not implemented yet")
  }

  /// Reads the text of an encoded image (PNG, JPEG, WebP, TIFF, …).
  public func read(_ image: [UInt8]) throws(OCRError) -> OCRResult {
    throw .recognitionFailed("not implemented yet")
  }

  /// Reads an image and classifies what it says, or asks for a retake when the confidence is
  /// below `minimumConfidence`.
  public func check(
    _ image: [UInt8], with classifier: Classifier, minimumConfidence: Double = FlyerReader.defaultMinimumConfidence
  ) throws(OCRError) -> ImageCheck {
    let ocr = try read(image)
    if ocr.confidence < minimumConfidence { return ImageCheck(ocr: ocr, retake: true, verdict: nil) }
    return ImageCheck(ocr: ocr, retake: false, verdict: classifier.classify(ocr.text))
  }
}
